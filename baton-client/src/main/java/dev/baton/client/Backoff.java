package dev.baton.client;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with equal jitter: the n-th consecutive failure waits between half and all
 * of {@code min(initialMs * 2^(n-1), maxMs)}. Confined to the one thread that retries.
 */
final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private int failures;

    Backoff(long initialMs, long maxMs) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
    }

    /** The default for reconnecting to Baton: 100 ms doubling up to 5 s. */
    static Backoff reconnect() {
        return new Backoff(100, 5_000);
    }

    /** The default between attempts of one call failing over between nodes: 100 ms doubling up to 2 s. */
    static Backoff failover() {
        return new Backoff(100, 2_000);
    }

    /** Forgets earlier failures after a success. */
    void reset() {
        failures = 0;
    }

    /** The delay before the next retry, counting one more failure. */
    long nextDelayMs() {
        failures = Math.min(failures + 1, 30);
        long ceilingMs = Math.min(maxMs, initialMs << Math.min(failures - 1, 20));
        long halfMs = ceilingMs / 2;
        return halfMs + ThreadLocalRandom.current().nextLong(ceilingMs - halfMs + 1);
    }

    /** Sleeps for the next delay; throws when the thread is interrupted. */
    void pause() throws InterruptedException {
        Thread.sleep(nextDelayMs());
    }
}
