package dev.baton.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.HeartbeatResponse;
import dev.baton.api.RetryPolicy;
import dev.baton.api.StepState;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.api.WorkflowState;
import dev.baton.core.command.ReportResults;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import dev.baton.core.state.Workflow;
import dev.baton.core.state.WorkflowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control tests of workflows over an in-memory log: a diamond runs to the end through polls, cancel stops steps. */
class ControlWorkflowTest {
    private final ControlHarness h = new ControlHarness();

    private static WorkflowSpec.Step step(String id, String template, String... dependsOn) {
        return new WorkflowSpec.Step(id, List.of(dependsOn), new TaskSpec(ControlHarness.CAPABILITY, template,
                TaskSpec.DEFAULT_PRIORITY, null, null, null, RetryPolicy.DEFAULT, Timeouts.NONE));
    }

    static WorkflowSpec diamond() {
        return new WorkflowSpec("diamond", null, "{\"n\":[3,4]}", true, null, List.of(
                step("fetch", "{\"n\":{\"$ref\":\"workflow.input/n\"}}"),
                step("left", "{\"v\":{\"$ref\":\"steps.fetch.output/n/0\"}}", "fetch"),
                step("right", "{\"v\":{\"$ref\":\"steps.fetch.output/n/1\"}}", "fetch"),
                step("join", "[{\"$ref\":\"steps.left.output/v\"},{\"$ref\":\"steps.right.output/v\"}]", "left",
                        "right"),
                step("report", "{\"all\":{\"$ref\":\"steps.join.output\"}}", "join")));
    }

    private Workflow submit(WorkflowSpec spec) {
        return ((Outcome.WorkflowOutcome) h.await(h.control.submitWorkflow(spec))).workflow();
    }

    private Workflow workflow(String id) {
        return h.store.read(s -> s.workflowById(id).orElseThrow());
    }

    @Test
    void diamond_runsToTheEndThroughPollsAndResults() {
        String agent = h.register("a", 4);
        Workflow w = submit(diamond());

        for (int round = 0; round < 10 && !workflow(w.id()).state().isTerminal(); round++) {
            for (Task task : h.pollNow(agent, 4)) { // echo: the output is the input
                h.await(h.control.report(agent, List.of(new ReportResults.Report(task.id(), task.attempt(),
                        TaskState.SUCCEEDED, task.spec().inputJson(), null, 0))));
            }
        }

        Workflow done = workflow(w.id());
        assertThat(done.state()).isEqualTo(WorkflowState.SUCCEEDED);
        assertThat(done.step("report").outputJson()).isEqualTo("{\"all\":[3,4]}");
        assertThat(done.steps()).extracting(Workflow.Step::taskId)
                .allMatch(id -> h.task(id).attempts().size() == 1);
    }

    @Test
    void cancel_stopsTheRunningStepsAttempt() {
        String agent = h.register("a", 4);
        Workflow w = submit(diamond());
        Task fetch = h.pollOne(agent);

        Outcome outcome = h.await(h.control.cancelWorkflow(w.id(), "no longer needed"));

        assertThat(((Outcome.WorkflowOutcome) outcome).workflow().state()).isEqualTo(WorkflowState.CANCELLED);
        assertThat(h.task(fetch.id()).state()).isEqualTo(TaskState.CANCELLED);
        HeartbeatResponse beat = h.heartbeat(agent, ControlHarness.ref(fetch));
        assertThat(beat.stop()).containsExactly(ControlHarness.ref(fetch));
        assertThat(workflow(w.id()).step("left").state()).isEqualTo(StepState.SKIPPED);
    }

    @Test
    void leaderChange_midWorkflow_newLeaderRunsTheRest() {
        String agent = h.register("a", 4);
        Workflow w = submit(diamond());
        Task fetch = h.pollOne(agent);
        h.await(h.control.report(agent, List.of(new ReportResults.Report(fetch.id(), fetch.attempt(),
                TaskState.SUCCEEDED, fetch.spec().inputJson(), null, 0))));
        h.control.onLeadershipChange(false);
        h.settle();
        h.control.onLeadershipChange(true);
        h.settle();

        List<Task> next = h.pollNow(agent, 4);

        assertThat(next).extracting(Task::id).containsExactlyInAnyOrder(
                Workflow.stepTaskId(w.id(), "left"), Workflow.stepTaskId(w.id(), "right"));
    }
}
