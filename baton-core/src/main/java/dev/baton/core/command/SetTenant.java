package dev.baton.core.command;

import dev.baton.core.state.TenantSettings;

/** Creates or replaces a tenant's configuration; null fields of {@code settings} take the server defaults. */
public record SetTenant(String name, TenantSettings settings, long nowMs) implements Command {}
