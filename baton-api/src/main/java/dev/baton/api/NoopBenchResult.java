package dev.baton.api;

/**
 * What {@code POST /v1/bench/noop} measured on the leader: commands committed, the log entries they took, the
 * elapsed time, and the commit latency of one command (propose to applied on the leader) at p50, p99 and max.
 */
public record NoopBenchResult(long commands, long entries, double elapsedMs, double commandsPerSecond,
                              double commandsPerEntry, double commitP50Ms, double commitP99Ms, double commitMaxMs) {}
