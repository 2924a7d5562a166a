package dev.baton.core.command;

/**
 * Removes a tenant's configuration: it falls back to the server defaults. Its spend ledger and tasks stay (deleting
 * a tenant does not forgive what it spent this period).
 */
public record DeleteTenant(String name, long nowMs) implements Command {}
