package dev.baton.core.command;

import dev.baton.core.state.TaskSpec;
import dev.baton.core.state.TenantSettings;

/**
 * Queues a new task under a leader-generated id; a repeated idempotency key returns the existing task instead.
 *
 * @param tenant the task's tenant settings as the leader resolved them (its own, else the server defaults); apply
 *               rejects the task when its tenant is past a budget and set to {@code reject}. Null (entries written
 *               before budgets existed) applies no budget.
 */
public record SubmitTask(String taskId, TaskSpec spec, long nowMs, TenantSettings tenant) implements Command {

    /** A submission that no budget gates. */
    public SubmitTask(String taskId, TaskSpec spec, long nowMs) {
        this(taskId, spec, nowMs, null);
    }
}
