package dev.baton.core.command;

/** Cancels a running workflow: its unfinished step tasks are cancelled, its pending steps skipped. */
public record CancelWorkflow(String workflowId, String reason, long nowMs) implements Command {}
