package dev.baton.bench;

import java.time.Duration;

/**
 * How {@code baton bench} loads Baton: {@code agents} in-process SDK agents with {@code agentConcurrency} slots each
 * serving {@code capability} (a handler that returns at once, or sleeps {@code workMs}); either open loop at
 * {@code rate} tasks/s (when {@code rate > 0}) or closed loop with {@code outstanding} unfinished tasks at all times;
 * submitted in batches of at most {@code batchSize} by {@code submitters} threads; {@code warmup} before the
 * measured {@code duration}. {@code spread} starts agent {@code i} on node {@code i mod n} instead of the leader.
 */
record LoadSettings(int agents, int agentConcurrency, String capability, long workMs, int rate, int outstanding,
                    int batchSize, int submitters, Duration warmup, Duration duration, boolean spread) {
    LoadSettings {
        if (agents < 1 || agentConcurrency < 1 || batchSize < 1 || batchSize > 1_000 || submitters < 1) {
            throw new IllegalArgumentException("agents, agent concurrency, submitters >= 1 and batch size 1..1000");
        }
        if (rate <= 0 && outstanding < 1) {
            throw new IllegalArgumentException("give a rate (open loop) or a number of outstanding tasks");
        }
    }

    boolean openLoop() {
        return rate > 0;
    }
}
