package dev.baton.core.command;

import java.util.List;

/**
 * Queues several tasks in one command, as one batch submit request asked: apply runs each {@link SubmitTask} in
 * order exactly as if it had been proposed alone, and answers an {@link dev.baton.core.state.Outcome.Each} with
 * their outcomes in the same order. One command instead of one per task keeps the request's audit stamp, the
 * control-loop hop and the log entry's framing once per batch rather than once per task.
 */
public record SubmitTasks(List<SubmitTask> tasks, long nowMs) implements Command {
    public SubmitTasks {
        tasks = List.copyOf(tasks);
    }

    @Override
    public int weight() {
        return Math.max(1, tasks.size());
    }
}
