package dev.baton.core.command;

import dev.baton.core.state.TaskSpec;

/** Queues a new task under a leader-generated id; a repeated idempotency key returns the existing task instead. */
public record SubmitTask(String taskId, TaskSpec spec, long nowMs) implements Command {}
