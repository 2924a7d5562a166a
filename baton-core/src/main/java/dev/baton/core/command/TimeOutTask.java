package dev.baton.core.command;

/** Ends a task that stayed queued past its schedule-to-start timeout. Applies only if it is still waiting. */
public record TimeOutTask(String taskId, long nowMs) implements Command {}
