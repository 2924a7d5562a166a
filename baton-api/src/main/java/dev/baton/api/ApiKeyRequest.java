package dev.baton.api;

/**
 * Body of {@code POST /v1/keys}.
 *
 * @param tenant confines the key to one tenant's tasks; null for a key that sees every tenant
 * @param expiresAt ISO-8601 instant after which the key stops working; null for no expiry
 */
public record ApiKeyRequest(String name, Role role, String tenant, String expiresAt) {}
