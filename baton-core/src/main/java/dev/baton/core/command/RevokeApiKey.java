package dev.baton.core.command;

/** Removes an API key. */
public record RevokeApiKey(String keyId, long nowMs) implements Command {}
