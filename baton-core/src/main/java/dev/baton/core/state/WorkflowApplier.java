package dev.baton.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.StepState;
import dev.baton.api.TaskState;
import dev.baton.api.WorkflowState;
import dev.baton.core.command.CancelWorkflow;
import dev.baton.core.command.EvictFinishedTasks;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.SubmitWorkflow;
import dev.baton.core.workflow.Templates;
import dev.baton.core.workflow.WorkflowChecks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies workflows: submission, cancellation, eviction, and the reaction to their step tasks finishing — the next
 * steps' tasks are created (templates resolved) in the same apply that records the finish, so a leader change can
 * never lose or double a step. Package-private; reached through {@link BatonState#apply}.
 *
 * <p>Implementation notes: {@link #watching} wraps the event sink of every command and queues the ids of step
 * tasks that just finished; {@link #settle} drains that queue after the command, and may itself finish tasks
 * (cancelling running steps on a fail-fast), whose ids join the queue. A step that is no longer {@code started}
 * when its task's finish is drained (the workflow already cancelled it) is left alone, so the loop ends.
 */
final class WorkflowApplier {
    /** Where a step task belongs. */
    record StepRef(String workflowId, String stepId) {}

    private final BatonState state;
    private final TaskApplier tasks;
    private final Deque<String> finishedStepTasks = new ArrayDeque<>();

    WorkflowApplier(BatonState state, TaskApplier tasks) {
        this.state = state;
        this.tasks = tasks;
    }

    /**
     * {@code events}, also noting step tasks that reach a terminal state; {@code events} itself when it already
     * notes them (a command applied inside another, such as a {@code Requested} one) or no workflow exists.
     */
    Consumer<StateEvent> watching(Consumer<StateEvent> events) {
        return state.workflows.isEmpty() || events instanceof Watcher ? events : new Watcher(events);
    }

    /** The event sink of a command, noting finished step tasks for {@link #settle}. */
    private final class Watcher implements Consumer<StateEvent> {
        private final Consumer<StateEvent> sink;

        Watcher(Consumer<StateEvent> sink) {
            this.sink = sink;
        }

        @Override
        public void accept(StateEvent event) {
            sink.accept(event);
            if (event instanceof StateEvent.TaskChanged c && c.after().state().isTerminal()
                    && (c.before() == null || !c.before().state().isTerminal())
                    && state.stepByTaskId.containsKey(c.after().id())) {
                finishedStepTasks.add(c.after().id());
            }
        }
    }

    /** Moves the workflows whose step tasks finished during the last command on. */
    void settle(Consumer<StateEvent> events, long nowMs) {
        while (!finishedStepTasks.isEmpty()) {
            String taskId = finishedStepTasks.poll();
            StepRef ref = state.stepByTaskId.get(taskId);
            Workflow workflow = ref == null ? null : state.workflows.get(ref.workflowId());
            Task task = state.tasks.get(taskId);
            if (workflow == null || task == null || workflow.step(ref.stepId()).state() != StepState.STARTED) {
                continue;
            }
            Workflow next = workflow.withStep(finishedStep(workflow.step(ref.stepId()), task), nowMs);
            next = advance(next, ref.stepId(), nowMs, events);
            put(workflow, next, events);
        }
    }

    Outcome submit(SubmitWorkflow c, Consumer<StateEvent> events) {
        WorkflowSpec spec = c.spec();
        if (spec.idempotencyKey() != null) {
            String existing = state.workflowIdByIdempotencyKey.get(
                    BatonState.idempotencyIndexKey(spec.tenant(), spec.idempotencyKey()));
            if (existing != null && state.workflows.containsKey(existing)) {
                return new Outcome.WorkflowOutcome(state.workflows.get(existing), false);
            }
        }
        if (!c.workflowId().startsWith("w_") || state.workflows.containsKey(c.workflowId())) {
            return new Outcome.Rejected("conflict", "workflow id '" + c.workflowId() + "' is taken or malformed");
        }
        Optional<WorkflowChecks.Problem> problem = WorkflowChecks.check(spec);
        if (problem.isPresent()) {
            return new Outcome.Rejected("invalid", problem.get().field() + ": " + problem.get().detail());
        }
        Workflow created = Workflow.running(c.workflowId(), spec, state.nextSeq++, c.nowMs());
        Workflow started = startReadySteps(created, c.nowMs(), events);
        put(null, started, events);
        return new Outcome.WorkflowOutcome(started, true);
    }

    Outcome cancel(CancelWorkflow c, Consumer<StateEvent> events) {
        Workflow workflow = state.workflows.get(c.workflowId());
        if (workflow == null) {
            return Outcome.notFound("workflow", c.workflowId());
        }
        if (workflow.state().isTerminal()) {
            return new Outcome.Rejected("conflict", "workflow '" + c.workflowId() + "' already "
                    + workflow.state().wireName());
        }
        String reason = c.reason() == null || c.reason().isBlank() ? "cancelled by request" : c.reason();
        Workflow next = stopAll(workflow, ErrorInfo.of(ErrorCodes.CANCELLED, reason, false), c.nowMs(), events)
                .finished(WorkflowState.CANCELLED, reason, c.nowMs());
        put(workflow, next, events);
        return new Outcome.WorkflowOutcome(next, false);
    }

    /** Evicts finished workflows older than the cutoff, at most {@code max}, alongside the task eviction. */
    void evict(EvictFinishedTasks c, Consumer<StateEvent> events) {
        List<Workflow> victims = new ArrayList<>();
        Iterator<Workflow> oldest = state.finishedWorkflows.iterator();
        while (oldest.hasNext() && victims.size() < c.max()) {
            Workflow w = oldest.next();
            if (w.finishedAtMs() >= c.finishedBeforeMs()) {
                break;
            }
            victims.add(w);
        }
        victims.forEach(w -> put(w, null, events));
    }

    /** After step {@code stepId} finished: start what it unblocked, or apply the failure policy. */
    private Workflow advance(Workflow workflow, String stepId, long nowMs, Consumer<StateEvent> events) {
        Workflow next = workflow.step(stepId).state() == StepState.SUCCEEDED
                ? startReadySteps(workflow, nowMs, events) : onFailure(workflow, stepId, nowMs, events);
        return finishIfDone(next, nowMs);
    }

    /** Starts every pending step whose dependencies all succeeded; a template that does not resolve fails it. */
    private Workflow startReadySteps(Workflow workflow, long nowMs, Consumer<StateEvent> events) {
        Workflow current = workflow;
        for (WorkflowSpec.Step spec : workflow.spec().steps()) {
            if (current.state().isTerminal()) {
                break; // a template failure failed it fast
            }
            Workflow now = current;
            if (now.step(spec.id()).state() != StepState.PENDING || !spec.dependsOn().stream()
                    .allMatch(d -> now.step(d).state() == StepState.SUCCEEDED)) {
                continue;
            }
            current = start(current, spec, nowMs, events);
        }
        return finishIfDone(current, nowMs);
    }

    private Workflow start(Workflow workflow, WorkflowSpec.Step spec, long nowMs, Consumer<StateEvent> events) {
        Workflow.Step step = workflow.step(spec.id());
        JsonNode input;
        try {
            input = Templates.resolve(WorkflowChecks.parse(spec.task().inputJson()),
                    WorkflowChecks.parse(workflow.spec().inputJson()),
                    id -> WorkflowChecks.parse(workflow.step(id).outputJson()));
        } catch (Templates.TemplateException e) {
            ErrorInfo error = ErrorInfo.of(ErrorCodes.TEMPLATE_UNRESOLVED, "input" + e.at() + ": " + e.getMessage(),
                    false);
            Workflow failed = workflow.withStep(step.with(StepState.FAILED, null, null, error), nowMs);
            return onFailure(failed, spec.id(), nowMs, events);
        }
        String taskId = Workflow.stepTaskId(workflow.id(), spec.id());
        TaskSpec t = spec.task();
        TaskSpec resolved = new TaskSpec(t.capability(), WorkflowChecks.text(input), t.priority(), null,
                workflow.spec().tenant(), t.labels(), t.retry(), t.timeouts(), t.constraints(), t.policy(),
                t.strategy(), t.parentId());
        state.stepByTaskId.put(taskId, new StepRef(workflow.id(), spec.id()));
        Outcome outcome = tasks.submit(new SubmitTask(taskId, resolved, nowMs), events);
        if (outcome instanceof Outcome.Rejected r) {
            state.stepByTaskId.remove(taskId);
            ErrorInfo error = ErrorInfo.of(ErrorCodes.STEP_NOT_STARTED, r.detail(), false);
            return onFailure(workflow.withStep(step.with(StepState.FAILED, null, null, error), nowMs), spec.id(),
                    nowMs, events);
        }
        return workflow.withStep(step.with(StepState.STARTED, taskId, null, null), nowMs);
    }

    /** Fail fast: stop everything and fail the workflow. Continue: skip what depends on the failed step. */
    private Workflow onFailure(Workflow workflow, String failedStep, long nowMs, Consumer<StateEvent> events) {
        if (workflow.spec().failFast()) {
            String reason = "step '" + failedStep + "' " + workflow.step(failedStep).state().wireName();
            return stopAll(workflow, ErrorInfo.of(ErrorCodes.CANCELLED, reason + "; the workflow fails fast", false),
                    nowMs, events).finished(WorkflowState.FAILED, reason, nowMs);
        }
        Set<String> blocked = new HashSet<>(Set.of(failedStep));
        Workflow current = workflow;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (WorkflowSpec.Step spec : workflow.spec().steps()) {
                Workflow.Step step = current.step(spec.id());
                if (step.state() == StepState.PENDING && spec.dependsOn().stream().anyMatch(blocked::contains)) {
                    blocked.add(spec.id());
                    current = current.withStep(step.with(StepState.SKIPPED, null, null, ErrorInfo.of(
                            ErrorCodes.DEPENDENCY_FAILED, "step '" + failedStep + "' did not succeed", false)), nowMs);
                    grew = true;
                }
            }
        }
        return current;
    }

    /** Skips every pending step and cancels every started one (and its task). */
    private Workflow stopAll(Workflow workflow, ErrorInfo why, long nowMs, Consumer<StateEvent> events) {
        Workflow current = workflow;
        for (Workflow.Step step : workflow.steps()) {
            if (step.state() == StepState.PENDING) {
                current = current.withStep(step.with(StepState.SKIPPED, null, null, why), nowMs);
            } else if (step.state() == StepState.STARTED) {
                current = current.withStep(step.with(StepState.CANCELLED, step.taskId(), null, why), nowMs);
                Task task = state.tasks.get(step.taskId());
                if (task != null && !task.state().isTerminal()) {
                    tasks.finishTask(task, TaskState.CANCELLED, "cancelled", null, why, nowMs, events);
                }
            }
        }
        return current;
    }

    private static Workflow finishIfDone(Workflow workflow, long nowMs) {
        if (workflow.state().isTerminal() || workflow.steps().stream().anyMatch(s -> !s.state().isTerminal())) {
            return workflow;
        }
        boolean allSucceeded = workflow.steps().stream().allMatch(s -> s.state() == StepState.SUCCEEDED);
        return allSucceeded ? workflow.finished(WorkflowState.SUCCEEDED, null, nowMs)
                : workflow.finished(WorkflowState.FAILED, "not every step succeeded", nowMs);
    }

    private static Workflow.Step finishedStep(Workflow.Step step, Task task) {
        return switch (task.state()) {
            case SUCCEEDED -> step.with(StepState.SUCCEEDED, task.id(), task.resultJson(), null);
            case CANCELLED -> step.with(StepState.CANCELLED, task.id(), null, task.error());
            case TIMED_OUT -> step.with(StepState.TIMED_OUT, task.id(), null, task.error());
            default -> step.with(StepState.FAILED, task.id(), null, task.error());
        };
    }

    /** Replaces (or inserts, or with {@code after} null removes) a workflow and keeps its indexes in step. */
    private void put(Workflow before, Workflow after, Consumer<StateEvent> events) {
        if (before == after) {
            return;
        }
        if (before != null) {
            state.finishedWorkflows.remove(before);
        }
        if (after == null) {
            state.workflows.remove(before.id());
            before.steps().forEach(s -> {
                if (s.taskId() != null) {
                    state.stepByTaskId.remove(s.taskId());
                }
            });
            if (before.spec().idempotencyKey() != null) {
                state.workflowIdByIdempotencyKey.remove(
                        BatonState.idempotencyIndexKey(before.spec().tenant(), before.spec().idempotencyKey()));
            }
        } else {
            state.index(after);
        }
        events.accept(new StateEvent.WorkflowChanged(before, after));
    }
}
