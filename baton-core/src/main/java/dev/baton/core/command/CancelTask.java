package dev.baton.core.command;

/** Cancels a queued or active task; the agent holding it learns on its next heartbeat. */
public record CancelTask(String taskId, String reason, long nowMs) implements Command {}
