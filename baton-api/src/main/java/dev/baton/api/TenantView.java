package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A tenant as the API shows it: its effective settings (its own, else the server defaults), what it spent in the
 * current budget period, and its tasks now. Amounts are cost units; times ISO-8601 UTC.
 *
 * @param configured false for a tenant that only has server defaults (never configured, or deleted)
 * @param budget null when the tenant has no budget
 * @param budgetThreshold null when none is set ({@code cost_aware} then uses the budget)
 * @param maxInFlight 0 for no limit
 * @param held true while the tenant is past its budget: its queued tasks wait for {@code periodEndsAt}
 * @param totalSpend spend since the tenant was first charged, across periods
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantView(String name, boolean configured, Double budget, BudgetPeriod budgetPeriod,
                         Double budgetThreshold, int maxInFlight, int weight, BudgetAction onBudgetExhausted,
                         double spend, String periodStartedAt, String periodEndsAt, int inFlight, int queued,
                         boolean held, double totalSpend, String updatedAt) {}
