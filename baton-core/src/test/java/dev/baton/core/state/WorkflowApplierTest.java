package dev.baton.core.state;

import static dev.baton.core.state.StateFixture.T0;
import static dev.baton.core.state.StateFixture.only;
import static dev.baton.core.state.StateFixture.retry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.StepState;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.CancelWorkflow;
import dev.baton.core.command.SubmitWorkflow;
import dev.baton.api.WorkflowState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Apply tests of {@link WorkflowApplier}: step tasks created as dependencies succeed, data passing, failures. */
class WorkflowApplierTest {
    static final String W = "w_diamond";
    private final StateFixture f = new StateFixture();

    static TaskSpec echo(String template) {
        return new TaskSpec("echo", template, TaskSpec.DEFAULT_PRIORITY, null, null, null, retry(1), Timeouts.NONE);
    }

    static WorkflowSpec.Step step(String id, String template, String... dependsOn) {
        return new WorkflowSpec.Step(id, List.of(dependsOn), echo(template));
    }

    /** a -> (b, c) -> d -> e, passing data along every edge. */
    static WorkflowSpec diamond(boolean failFast) {
        return new WorkflowSpec("diamond", null, "{\"name\":\"report\",\"items\":[1,2]}", failFast, null, List.of(
                step("a", "{\"items\":{\"$ref\":\"workflow.input/items\"}}"),
                step("b", "{\"x\":{\"$ref\":\"steps.a.output/items/0\"}}", "a"),
                step("c", "{\"x\":{\"$ref\":\"steps.a.output/items/1\"}}", "a"),
                step("d", "{\"l\":{\"$ref\":\"steps.b.output/x\"},\"r\":{\"$ref\":\"steps.c.output/x\"}}", "b", "c"),
                step("e", "{\"name\":{\"$ref\":\"workflow.input/name\"},\"d\":{\"$ref\":\"steps.d.output\"},"
                        + "\"raw\":{\"$literal\":{\"$ref\":\"kept\"}}}", "d")));
    }

    private Workflow submit(WorkflowSpec spec) {
        f.registerAgent("agent", 8, "echo");
        Outcome outcome = f.apply(new SubmitWorkflow(W, spec, T0));
        return ((Outcome.WorkflowOutcome) outcome).workflow();
    }

    private Workflow workflow() {
        return f.state.workflowById(W).orElseThrow();
    }

    private String taskOf(String step) {
        return Workflow.stepTaskId(W, step);
    }

    /** Leases the step's task and reports its input back as its output (the echo agent). */
    private void echoStep(String step, long nowMs) {
        Task task = f.lease("agent", nowMs, taskOf(step)).tasks().getFirst();
        f.succeed("agent", task.id(), task.attempt(), task.spec().inputJson(), nowMs);
    }

    @Test
    void diamond_completesPassingDataAlongEveryEdge() {
        Workflow submitted = submit(diamond(true));
        assertThat(submitted.step("a").state()).isEqualTo(StepState.STARTED);
        assertThat(submitted.step("b").state()).isEqualTo(StepState.PENDING);
        assertThat(f.task(taskOf("a")).spec().inputJson()).isEqualTo("{\"items\":[1,2]}");

        echoStep("a", T0 + 1);
        assertThat(workflow().step("b").state()).isEqualTo(StepState.STARTED);
        assertThat(workflow().step("c").state()).isEqualTo(StepState.STARTED);
        assertThat(f.task(taskOf("b")).spec().inputJson()).isEqualTo("{\"x\":1}");
        echoStep("b", T0 + 2);
        assertThat(workflow().step("d").state()).as("d waits for c too").isEqualTo(StepState.PENDING);
        echoStep("c", T0 + 3);
        assertThat(f.task(taskOf("d")).spec().inputJson()).isEqualTo("{\"l\":1,\"r\":2}");
        echoStep("d", T0 + 4);
        assertThat(f.task(taskOf("e")).spec().inputJson())
                .isEqualTo("{\"name\":\"report\",\"d\":{\"l\":1,\"r\":2},\"raw\":{\"$ref\":\"kept\"}}");
        echoStep("e", T0 + 5);

        Workflow done = workflow();
        assertThat(done.state()).isEqualTo(WorkflowState.SUCCEEDED);
        assertThat(done.finishedAtMs()).isEqualTo(T0 + 5);
        assertThat(done.steps()).allMatch(s -> s.state() == StepState.SUCCEEDED);
        assertThat(done.step("e").outputJson()).contains("\"report\"");
        assertThat(f.state.workflowIdOfTask(taskOf("c"))).contains(W);
    }

    @Test
    void raceStep_runsAsAFanOutAndItsWinnerFeedsTheNextStep() {
        TaskSpec race = new TaskSpec("echo", "{\"q\":1}", TaskSpec.DEFAULT_PRIORITY, null, null, null, retry(1),
                Timeouts.NONE, null, null, dev.baton.api.Strategy.race(2), null);
        f.registerAgent("other", 8, "echo");
        submit(new WorkflowSpec(null, null, "{}", true, null, List.of(new WorkflowSpec.Step("ask", List.of(), race),
                step("use", "{\"got\":{\"$ref\":\"steps.ask.output/q\"}}", "ask"))));
        String source = taskOf("ask") + ".1";
        assertThat(f.task(source).spec().parentId()).isEqualTo(taskOf("ask"));
        assertThat(Workflow.workflowIdOfStepTask(source)).isEqualTo(W);

        Task leased = f.lease("agent", T0 + 1, source).tasks().getFirst();
        f.succeed("agent", leased.id(), leased.attempt(), "{\"q\":1}", T0 + 2);

        assertThat(workflow().step("ask").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(f.task(taskOf("use")).spec().inputJson()).isEqualTo("{\"got\":1}");
    }

    @Test
    void failFast_firstFailureCancelsRunningStepsAndSkipsTheRest() {
        submit(diamond(true));
        echoStep("a", T0 + 1);
        Task b = f.lease("agent", T0 + 2, taskOf("b")).tasks().getFirst();
        f.lease("agent", T0 + 2, taskOf("c"));

        f.fail("agent", b.id(), b.attempt(), ErrorInfo.of("BOOM", "no", false), 0, T0 + 3);

        Workflow failed = workflow();
        assertThat(failed.state()).isEqualTo(WorkflowState.FAILED);
        assertThat(failed.step("b").state()).isEqualTo(StepState.FAILED);
        assertThat(failed.step("c").state()).isEqualTo(StepState.CANCELLED);
        assertThat(f.task(taskOf("c")).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(f.agent("agent").activeTaskIds()).isEmpty();
        assertThat(failed.step("d").state()).isEqualTo(StepState.SKIPPED);
        assertThat(failed.step("e").state()).isEqualTo(StepState.SKIPPED);
    }

    @Test
    void continueMode_skipsOnlyWhatDependsOnTheFailure() {
        WorkflowSpec spec = new WorkflowSpec(null, null, "{}", false, null, List.of(
                step("a", "1"), step("b", "2"), step("after-a", "3", "a")));
        submit(spec);
        f.apply(new CancelTask(taskOf("a"), "no", T0 + 1));
        assertThat(workflow().state()).isEqualTo(WorkflowState.RUNNING);
        assertThat(workflow().step("after-a").state()).isEqualTo(StepState.SKIPPED);
        assertThat(workflow().step("after-a").error().code()).isEqualTo(ErrorCodes.DEPENDENCY_FAILED);

        echoStep("b", T0 + 2);

        assertThat(workflow().state()).isEqualTo(WorkflowState.FAILED);
        assertThat(workflow().step("b").state()).isEqualTo(StepState.SUCCEEDED);
    }

    @Test
    void cancel_cancelsRunningStepTasksAndSkipsPendingSteps() {
        submit(diamond(true));
        echoStep("a", T0 + 1);
        f.lease("agent", T0 + 2, taskOf("b"));

        List<StateEvent> events = f.eventsOf(new CancelWorkflow(W, null, T0 + 3));

        Workflow cancelled = workflow();
        assertThat(cancelled.state()).isEqualTo(WorkflowState.CANCELLED);
        assertThat(f.task(taskOf("b")).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(f.task(taskOf("c")).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(cancelled.step("d").state()).isEqualTo(StepState.SKIPPED);
        assertThat(only(events, StateEvent.WorkflowChanged.class)).hasSize(1);
        assertThat(f.apply(new CancelWorkflow(W, null, T0 + 4))).isInstanceOf(Outcome.Rejected.class);
    }

    @Test
    void unresolvedTemplate_failsTheStepWithoutATask() {
        submit(new WorkflowSpec(null, null, "{}", true, null, List.of(
                step("a", "1"), step("b", "{\"$ref\":\"steps.a.output/missing\"}", "a"))));

        echoStep("a", T0 + 1);

        assertThat(workflow().state()).isEqualTo(WorkflowState.FAILED);
        assertThat(workflow().step("b").state()).isEqualTo(StepState.FAILED);
        assertThat(workflow().step("b").error().code()).isEqualTo(ErrorCodes.TEMPLATE_UNRESOLVED);
        assertThat(f.state.taskById(taskOf("b"))).isEmpty();
    }

    @Test
    void submit_cycle_isRejectedAndCreatesNothing() {
        Outcome outcome = f.apply(new SubmitWorkflow(W, new WorkflowSpec(null, null, "{}", true, null, List.of(
                step("a", "1", "b"), step("b", "2", "a"))), T0));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(f.state.workflowById(W)).isEmpty();
        assertThat(f.state.taskCount()).isZero();
    }

    @Test
    void submit_repeatedIdempotencyKey_returnsTheExistingWorkflow() {
        WorkflowSpec keyed = new WorkflowSpec(null, "acme", "{}", true, "k1", List.of(step("a", "1")));
        f.apply(new SubmitWorkflow(W, keyed, T0));

        Outcome again = f.apply(new SubmitWorkflow("w_other", keyed, T0 + 1));

        assertThat(((Outcome.WorkflowOutcome) again).created()).isFalse();
        assertThat(((Outcome.WorkflowOutcome) again).workflow().id()).isEqualTo(W);
        assertThat(f.task(taskOf("a")).spec().tenant()).isEqualTo("acme");
    }

    @Test
    void snapshot_midWorkflow_restoresAndFinishesTheSame() {
        submit(diamond(true));
        echoStep("a", T0 + 1);
        BatonState restored = BatonState.fromSnapshot(SnapshotCodec.decode(SnapshotCodec.encode(f.state.toSnapshot())));
        assertThat(SnapshotCodec.digest(restored.toSnapshot())).isEqualTo(SnapshotCodec.digest(f.state.toSnapshot()));

        Task b = restored.taskById(taskOf("b")).orElseThrow();
        restored.apply(new dev.baton.core.command.LeaseTasks("agent", List.of(b.id()), T0 + 2), e -> { });
        restored.apply(new dev.baton.core.command.ReportResults("agent", List.of(
                new dev.baton.core.command.ReportResults.Report(b.id(), 1, TaskState.SUCCEEDED, "{\"x\":1}", null, 0)),
                T0 + 3), e -> { });

        assertThat(restored.workflowById(W).orElseThrow().step("b").state()).isEqualTo(StepState.SUCCEEDED);
    }
}
