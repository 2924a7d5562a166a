package dev.baton.api;

/**
 * Body of {@code PUT /v1/tenants/{name}}: the tenant's whole configuration. A field left out (or null) takes the
 * server default ({@code tenants.default*} in the configuration).
 *
 * @param budget cost units the tenant may spend per period; null for the default (which may be no budget)
 * @param budgetThreshold spend under which {@code cost_aware} still gives the tenant premium agents
 * @param maxInFlight most of the tenant's tasks leased or running at once
 * @param weight its share of contended agent slots relative to other tenants, 1 to {@code 1000}
 */
public record TenantRequest(Double budget, BudgetPeriod budgetPeriod, Double budgetThreshold, Integer maxInFlight,
                            Integer weight, BudgetAction onBudgetExhausted) {}
