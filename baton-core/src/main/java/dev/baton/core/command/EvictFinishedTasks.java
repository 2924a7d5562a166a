package dev.baton.core.command;

/** Drops up to {@code max} tasks that finished before {@code finishedBeforeMs}, oldest first (bounded memory). */
public record EvictFinishedTasks(long finishedBeforeMs, int max, long nowMs) implements Command {}
