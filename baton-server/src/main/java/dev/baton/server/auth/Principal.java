package dev.baton.server.auth;

import dev.baton.api.Role;

/**
 * Who made a request: the API key's id, name and role, and the one tenant it is confined to ({@code null}: every
 * tenant). See {@code docs/security.md} for what the tenant scope allows.
 */
public record Principal(String keyId, String name, Role role, String tenant) {
    public Principal(String keyId, String name, Role role) {
        this(keyId, name, role, null);
    }

    /** True when this principal may see and act on the tasks of {@code taskTenant}. */
    public boolean seesTenant(String taskTenant) {
        return tenant == null || tenant.equals(taskTenant);
    }
}
