package dev.baton.core.state;

import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.TaskState;
import dev.baton.core.command.AwaitInput;
import dev.baton.core.command.ProvideInput;
import dev.baton.core.command.TimeOutTask;
import java.util.function.Consumer;

/**
 * Applies human-in-the-loop changes: an attempt asking a question ({@code awaiting_input}), the answer that queues
 * the task again, and a question whose deadline passed. Package-private; reached through {@link BatonState#apply}.
 */
final class InputApplier {
    private final BatonState state;
    private final TaskApplier tasks;

    InputApplier(BatonState state, TaskApplier tasks) {
        this.state = state;
        this.tasks = tasks;
    }

    Outcome await(AwaitInput c, Consumer<StateEvent> events) {
        Task task = state.tasks.get(c.taskId());
        if (task == null) {
            return Outcome.notFound("task", c.taskId());
        }
        if (!task.state().isActive() || task.attempt() != c.attempt()) {
            return new Outcome.Rejected("conflict", "attempt " + c.attempt() + " of task '" + c.taskId()
                    + "' is no longer live");
        }
        if (task.spec().parentId() != null || (task.spec().strategy() != null && task.spec().strategy().fansOut())) {
            return new Outcome.Rejected("conflict", "task '" + c.taskId() + "' is part of a consensus or race "
                    + "task, whose agents run side by side; it cannot wait for input");
        }
        if (task.inputs().size() >= InputRound.MAX_ROUNDS) {
            return new Outcome.Rejected("invalid", "task '" + c.taskId() + "' already asked "
                    + InputRound.MAX_ROUNDS + " questions, the most a task may ask");
        }
        InputRound question = new InputRound(task.inputs().size() + 1, c.attempt(), c.prompt(), c.schemaJson(),
                c.nowMs(), c.deadlineMs(), null, 0);
        tasks.releaseAgentSlot(task, c.nowMs(), events);
        Task next = task.awaitingInput(question, c.nowMs());
        state.putTask(task, next, events);
        return new Outcome.TaskOutcome(next, false);
    }

    Outcome provide(ProvideInput c, Consumer<StateEvent> events) {
        Task task = state.tasks.get(c.taskId());
        if (task == null) {
            return Outcome.notFound("task", c.taskId());
        }
        InputRound pending = task.pendingInput();
        if (pending == null || pending.round() != c.round()) {
            return new Outcome.Rejected("conflict", "task '" + c.taskId() + "' is " + task.state().wireName()
                    + (pending == null ? "" : " on question " + pending.round()) + ", not waiting for an answer to "
                    + "question " + c.round());
        }
        Task next = task.answered(c.answerJson(), c.nowMs());
        state.putTask(task, next, events);
        return new Outcome.TaskOutcome(next, false);
    }

    /** True when {@code c} is about a task waiting for input (else it is a schedule-to-start timeout). */
    boolean handles(TimeOutTask c) {
        Task task = state.tasks.get(c.taskId());
        return task != null && task.state() == TaskState.AWAITING_INPUT;
    }

    Outcome timeOut(TimeOutTask c, Consumer<StateEvent> events) {
        Task task = state.tasks.get(c.taskId());
        InputRound pending = task.pendingInput();
        if (pending.deadlineMs() <= 0 || pending.deadlineMs() > c.nowMs()) {
            return new Outcome.Rejected("conflict", "question " + pending.round() + " of task '" + c.taskId()
                    + "' is not past its deadline");
        }
        ErrorInfo error = ErrorInfo.of(ErrorCodes.INPUT_TIMEOUT, "question " + pending.round()
                + " was not answered in time", false);
        return new Outcome.TaskOutcome(
                tasks.finishTask(task, TaskState.TIMED_OUT, "expired", null, error, c.nowMs(), events), false);
    }
}
