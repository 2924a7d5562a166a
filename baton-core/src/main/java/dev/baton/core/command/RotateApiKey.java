package dev.baton.core.command;

/**
 * Gives a key a new token (by its SHA-256). The replaced token keeps working until {@code previousValidUntilMs}
 * (the leader's clock; {@code nowMs} or earlier stops it at once); a second rotation ends the first one's grace.
 */
public record RotateApiKey(String keyId, String tokenSha256, long previousValidUntilMs, long nowMs)
        implements Command {}
