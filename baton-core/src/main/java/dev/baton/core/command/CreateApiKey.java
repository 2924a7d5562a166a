package dev.baton.core.command;

import dev.baton.api.Role;

/** Stores an API key by the SHA-256 of its token; the token itself never enters the log. */
public record CreateApiKey(String keyId, String name, Role role, String tokenSha256, long nowMs) implements Command {}
