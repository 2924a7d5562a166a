package dev.baton.api;

import java.util.List;

/** Reply of {@code GET /v1/tenants}: configured tenants and tenants with tasks or spend, ordered by name. */
public record TenantList(List<TenantView> tenants) {}
