package dev.baton.api;

/**
 * Body of {@code POST /v1/keys/{id}/rotate} (optional).
 *
 * @param graceMs how long the replaced token keeps working, 0 to stop it at once; null for the default (1 hour)
 */
public record RotateKeyRequest(Long graceMs) {}
