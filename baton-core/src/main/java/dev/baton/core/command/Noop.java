package dev.baton.core.command;

/**
 * Changes nothing. Exists so {@code baton bench} can measure the Raft ceiling: the same cluster committing empty
 * commands through the same batching proposer as real ones (docs/performance.md). Apply only counts it.
 */
public record Noop(long nowMs) implements Command {}
