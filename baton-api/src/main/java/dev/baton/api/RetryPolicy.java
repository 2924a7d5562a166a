package dev.baton.api;

import java.util.List;

/**
 * Exponential backoff with jitter between attempts. Zero fields take the defaults of {@link #DEFAULT}.
 *
 * @param maxAttempts total attempts including the first (1 = no retry)
 * @param initialBackoffMs delay before the second attempt
 * @param backoffMultiplier growth of the delay per attempt
 * @param maxBackoffMs cap on the delay
 * @param nonRetryableErrorCodes error codes that fail the task at once
 */
public record RetryPolicy(int maxAttempts, long initialBackoffMs, double backoffMultiplier, long maxBackoffMs,
                          List<String> nonRetryableErrorCodes) {
    public static final int MAX_ATTEMPTS_LIMIT = 100;
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, 1_000, 2.0, 60_000, List.of());

    public RetryPolicy {
        nonRetryableErrorCodes = nonRetryableErrorCodes == null ? List.of() : List.copyOf(nonRetryableErrorCodes);
    }

    /** This policy with every unset (zero) field taken from {@link #DEFAULT}. */
    public RetryPolicy withDefaults() {
        return new RetryPolicy(
                maxAttempts > 0 ? maxAttempts : DEFAULT.maxAttempts,
                initialBackoffMs > 0 ? initialBackoffMs : DEFAULT.initialBackoffMs,
                backoffMultiplier >= 1.0 ? backoffMultiplier : DEFAULT.backoffMultiplier,
                maxBackoffMs > 0 ? maxBackoffMs : DEFAULT.maxBackoffMs,
                nonRetryableErrorCodes);
    }

    /** The delay before attempt {@code nextAttempt} (2 = first retry) before jitter, capped at {@link #maxBackoffMs}. */
    public long backoffMs(int nextAttempt) {
        double delay = initialBackoffMs * Math.pow(backoffMultiplier, Math.max(0, nextAttempt - 2));
        return (long) Math.min(delay, maxBackoffMs);
    }
}
