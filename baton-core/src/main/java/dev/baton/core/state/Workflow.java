package dev.baton.core.state;

import dev.baton.api.ErrorInfo;
import dev.baton.api.StepState;
import dev.baton.api.WorkflowState;
import java.util.ArrayList;
import java.util.List;

/**
 * Replicated state of one workflow. Immutable: apply replaces the whole record on every change.
 *
 * @param steps one entry per step of the spec, in the spec's order
 * @param reason why it failed or was cancelled, or null
 */
public record Workflow(String id, WorkflowSpec spec, WorkflowState state, long seq, long createdAtMs,
                       long updatedAtMs, long finishedAtMs, String reason, List<Step> steps) {

    public Workflow {
        steps = List.copyOf(steps);
    }

    /**
     * Where one step is.
     *
     * @param taskId its task, once created (derived from the workflow's and step's ids)
     * @param outputJson its task's result once it succeeded: later steps' templates read it
     * @param error why it failed, was cancelled or skipped
     */
    public record Step(String id, StepState state, String taskId, String outputJson, ErrorInfo error) {
        Step with(StepState next, String task, String output, ErrorInfo err) {
            return new Step(id, next, task, output, err);
        }
    }

    static Workflow running(String id, WorkflowSpec spec, long seq, long nowMs) {
        List<Step> steps = spec.steps().stream().map(s -> new Step(s.id(), StepState.PENDING, null, null, null))
                .toList();
        return new Workflow(id, spec, WorkflowState.RUNNING, seq, nowMs, nowMs, 0, null, steps);
    }

    /** The step with this id. */
    public Step step(String stepId) {
        return steps.get(indexOf(stepId));
    }

    int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("workflow " + id + " has no step " + stepId);
    }

    Workflow withStep(Step step, long nowMs) {
        List<Step> all = new ArrayList<>(steps);
        all.set(indexOf(step.id()), step);
        return new Workflow(id, spec, state, seq, createdAtMs, nowMs, finishedAtMs, reason, all);
    }

    Workflow finished(WorkflowState terminal, String why, long nowMs) {
        return new Workflow(id, spec, terminal, seq, createdAtMs, nowMs, nowMs, why, steps);
    }

    /**
     * The workflow a step task's id names ({@link #stepTaskId}; also for the sources of a consensus or race step,
     * {@code <step task id>.<n>}), or null for a task submitted on its own: generated ids never hold a {@code -}.
     */
    public static String workflowIdOfStepTask(String taskId) {
        int dash = taskId.indexOf('-');
        return dash > 2 && taskId.startsWith("t_") ? "w" + taskId.substring(1, dash) : null;
    }

    /** The id of the task a step of workflow {@code workflowId} runs: {@code t_<workflow id suffix>-<step id>}. */
    public static String stepTaskId(String workflowId, String stepId) {
        return "t" + workflowId.substring(1) + "-" + stepId;
    }
}
