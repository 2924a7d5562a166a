package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An API key; {@code token} is present only in the reply that created or rotated it. {@code tenant} and
 * {@code expiresAt} are left out when the key has none; {@code previousTokenValidUntil} is the end of the grace
 * period of the token replaced by the last rotation, while it lasts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(String id, String name, Role role, String createdAt, String token, String tenant,
                         String expiresAt, String rotatedAt, String previousTokenValidUntil) {
    public ApiKeyView(String id, String name, Role role, String createdAt, String token) {
        this(id, name, role, createdAt, token, null, null, null, null);
    }
}
