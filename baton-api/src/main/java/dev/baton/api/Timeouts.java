package dev.baton.api;

/**
 * Task timeouts in milliseconds; 0 means none.
 *
 * @param scheduleToStartMs longest a task may stay queued before its first lease; then it ends {@code timed_out}
 * @param startToCloseMs longest one attempt may run; then the attempt fails with {@code START_TO_CLOSE_TIMEOUT}
 * @param heartbeatMs longest an attempt may go without a heartbeat; then it fails with {@code HEARTBEAT_TIMEOUT}
 */
public record Timeouts(long scheduleToStartMs, long startToCloseMs, long heartbeatMs) {
    public static final Timeouts NONE = new Timeouts(0, 0, 0);
}
