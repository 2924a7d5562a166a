package dev.baton.core.command;

import dev.baton.core.state.WorkflowSpec;

/**
 * Starts a workflow under a leader-generated id ({@code w_...}); apply creates the tasks of its steps as their
 * dependencies succeed. A repeated idempotency key returns the existing workflow instead.
 */
public record SubmitWorkflow(String workflowId, WorkflowSpec spec, long nowMs) implements Command {}
