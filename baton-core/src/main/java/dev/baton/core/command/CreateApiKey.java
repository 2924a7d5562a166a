package dev.baton.core.command;

import dev.baton.api.Role;

/**
 * Stores an API key by the SHA-256 of its token; the token itself never enters the log.
 *
 * @param tenant the one tenant the key may act in, or null for every tenant
 * @param expiresAtMs when the key stops working (leader's clock), or 0 for never
 */
public record CreateApiKey(String keyId, String name, Role role, String tokenSha256, String tenant, long expiresAtMs,
                           long nowMs) implements Command {
    /** A key for every tenant that never expires. */
    public CreateApiKey(String keyId, String name, Role role, String tokenSha256, long nowMs) {
        this(keyId, name, role, tokenSha256, null, 0, nowMs);
    }
}
