package dev.baton.core.state;

/**
 * An agent's circuit breaker, replicated. It opens after {@link #CONSECUTIVE_FAILURES} failures in a row, or when at
 * least {@link #MIN_WINDOW} of the last {@link #WINDOW} results are known and {@link #ERROR_RATE_PERCENT} % or more of
 * them failed. While open the router gives the agent nothing; {@link #COOL_DOWN_MS} after it opened it is
 * half-open and the router lets one probe through (one task while the agent holds none); a success closes it and
 * clears its counts, a failure opens it again for another cool-down. Failures are failed results and expired
 * attempts (lease, heartbeat, start-to-close timeouts). The thresholds are fixed here because apply must reach the
 * same state on every node.
 *
 * <p>Immutable. Time comes from the command being applied ({@code nowMs}); half-open is derived from the reader's
 * clock ({@link #state(long)}), so it needs no command of its own.
 *
 * @param window the last up to {@link #WINDOW} results, newest in bit 0 (1 = failure)
 * @param windowSize how many of those bits are results
 * @param openedAtMs when it last opened; 0 while closed
 * @param opens how many times it opened
 */
public record Breaker(boolean open, int consecutiveFailures, long window, int windowSize, long openedAtMs,
                      long opens) {
    public static final int CONSECUTIVE_FAILURES = 5;
    public static final int WINDOW = 20;
    public static final int MIN_WINDOW = 10;
    public static final int ERROR_RATE_PERCENT = 50;
    public static final long COOL_DOWN_MS = 30_000;
    public static final Breaker CLOSED = new Breaker(false, 0, 0, 0, 0, 0);

    /** {@code closed}, {@code open} or {@code half_open} at {@code nowMs}. */
    public String state(long nowMs) {
        if (!open) {
            return "closed";
        }
        return nowMs >= openedAtMs + COOL_DOWN_MS ? "half_open" : "open";
    }

    /** Failed share of the window, 0-100. */
    public int errorRatePercent() {
        return windowSize == 0 ? 0 : Long.bitCount(window & mask()) * 100 / windowSize;
    }

    Breaker withSuccess() {
        if (open) {
            return new Breaker(false, 0, 0, 0, 0, opens); // the probe (or a late result) came back fine
        }
        return new Breaker(false, 0, (window << 1) & mask(WINDOW), Math.min(WINDOW, windowSize + 1), 0, opens);
    }

    Breaker withFailure(long nowMs) {
        if (open) {
            return nowMs >= openedAtMs + COOL_DOWN_MS ? new Breaker(true, consecutiveFailures + 1, window, windowSize,
                    nowMs, opens + 1) : this; // a failed probe re-opens; a late failure changes nothing
        }
        long bits = ((window << 1) | 1) & mask(WINDOW);
        int size = Math.min(WINDOW, windowSize + 1);
        int consecutive = consecutiveFailures + 1;
        boolean trip = consecutive >= CONSECUTIVE_FAILURES
                || size >= MIN_WINDOW && Long.bitCount(bits) * 100 >= ERROR_RATE_PERCENT * size;
        return trip ? new Breaker(true, consecutive, bits, size, nowMs, opens + 1)
                : new Breaker(false, consecutive, bits, size, 0, opens);
    }

    private long mask() {
        return mask(windowSize);
    }

    private static long mask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }
}
