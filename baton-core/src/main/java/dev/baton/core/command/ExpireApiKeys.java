package dev.baton.core.command;

/**
 * Removes every key whose expiry is at or before {@code nowMs}, and every replaced token whose grace period ended.
 * Proposed by the leader when its clock passes one of those times.
 */
public record ExpireApiKeys(long nowMs) implements Command {}
