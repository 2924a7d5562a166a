package dev.baton.core.command;

/**
 * Ends a task whose time ran out while no attempt was live: queued past its schedule-to-start timeout, or waiting
 * ({@code awaiting_input}) past its question's deadline. Apply re-checks the deadline from the state.
 */
public record TimeOutTask(String taskId, long nowMs) implements Command {}
