package dev.baton.api;

/** Body of {@code POST /v1/keys}. */
public record ApiKeyRequest(String name, Role role) {}
