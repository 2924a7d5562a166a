package dev.baton.core.state;

import dev.baton.api.Role;

/** An API key as replicated: the SHA-256 of its token, never the token. */
public record ApiKey(String id, String name, Role role, String tokenSha256, long createdAtMs) {}
