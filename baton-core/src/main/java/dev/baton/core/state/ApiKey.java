package dev.baton.core.state;

import dev.baton.api.Role;

/**
 * An API key as replicated: the SHA-256 of its token, never the token.
 *
 * @param tenant the one tenant the key acts in, or null for every tenant
 * @param expiresAtMs when the key stops working, 0 for never
 * @param rotatedAtMs when the token was last replaced, 0 if never
 * @param previousSha256 the token replaced by the last rotation, still accepted until {@code previousValidUntilMs};
 *     null when none
 */
public record ApiKey(String id, String name, Role role, String tokenSha256, long createdAtMs, String tenant,
                     long expiresAtMs, long rotatedAtMs, String previousSha256, long previousValidUntilMs) {
    public ApiKey(String id, String name, Role role, String tokenSha256, long createdAtMs) {
        this(id, name, role, tokenSha256, createdAtMs, null, 0, 0, null, 0);
    }

    /** True when the key has expired by {@code nowMs}. */
    public boolean expiredAt(long nowMs) {
        return expiresAtMs > 0 && expiresAtMs <= nowMs;
    }
}
