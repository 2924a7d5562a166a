package dev.baton.core.state;

/** A configured tenant: its settings as an admin set them (nulls take the server defaults). Immutable. */
public record Tenant(String name, TenantSettings settings, long createdAtMs, long updatedAtMs) {
    /** Most tenants that may be configured, so that replicated state stays bounded. */
    public static final int MAX_TENANTS = 10_000;
}
