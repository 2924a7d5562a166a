package dev.baton.api;

/**
 * Body of {@code POST /v1/bench/noop} (admin): commit up to {@code commands} empty commands through the leader's
 * batching proposer, keeping {@code outstanding} proposals in flight, for at most {@code maxDurationMs}.
 * Null fields take their defaults (10,000 commands, 4,000 outstanding, 10,000 ms).
 */
public record NoopBenchRequest(Integer commands, Integer outstanding, Long maxDurationMs) {}
