package dev.baton.server.control;

import static dev.baton.server.control.ControlHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A task submitted while an agent waits is leased right behind its submission, not after it commits. */
class DispatchBehindSubmitTest {

    @Test
    void submitWhileAnAgentWaits_proposesTheLeaseBeforeTheSubmissionCommits_andOneCommitRoundDispatchesIt() {
        ControlHarness h = new ControlHarness(false);
        String agent = h.register("worker", 4);
        CompletableFuture<List<Task>> poll = h.control.poll(agent, 4, 5_000);
        h.loop.runAll();

        CompletableFuture<Outcome> submitted = h.control.submit(spec(TaskSpec.DEFAULT_PRIORITY));
        h.loop.runAll();

        assertThat(h.log.pending(SubmitTask.class)).hasSize(1);
        List<LeaseTasks> leases = h.log.pending(LeaseTasks.class);
        assertThat(leases).hasSize(1);
        assertThat(leases.getFirst().taskIds()).containsExactly(h.log.pending(SubmitTask.class).getFirst().taskId());
        h.log.flush();
        h.loop.runAll();
        String taskId = ((Outcome.TaskOutcome) submitted.join()).task().id();
        assertThat(poll).isDone();
        assertThat(poll.join()).extracting(Task::id).containsExactly(taskId);
        assertThat(h.task(taskId).agentId()).isEqualTo(agent);
        h.settle();
        assertThat(h.log.committed(LeaseTasks.class)).hasSize(1); // the normal round did not lease it again
    }

    @Test
    void submitBehindQueuedWork_leavesTheLeaseToTheNormalRound_soItOvertakesNoOne() {
        ControlHarness h = new ControlHarness(false);
        String older = h.await(h.control.submit(spec(TaskSpec.DEFAULT_PRIORITY))) instanceof Outcome.TaskOutcome t
                ? t.task().id() : null;
        String agent = h.register("worker", 1);
        h.settle();
        h.loop.runAll();
        assertThat(h.task(older).agentId()).isNull();

        CompletableFuture<List<Task>> poll = h.control.poll(agent, 1, 5_000);
        h.control.submit(spec(TaskSpec.DEFAULT_PRIORITY));
        h.loop.runAll();

        assertThat(h.log.pending(LeaseTasks.class)).singleElement()
                .satisfies(lease -> assertThat(lease.taskIds()).containsExactly(older));
        h.settle();
        assertThat(poll.join()).extracting(Task::id).containsExactly(older);
    }

    @Test
    void idempotentRepeatWhileAnAgentWaits_leasesNothingNew_andThePollStaysOpen() {
        ControlHarness h = new ControlHarness(false);
        TaskSpec keyed = new TaskSpec(ControlHarness.CAPABILITY, "{}", TaskSpec.DEFAULT_PRIORITY, "same-key", null,
                Map.of(), null, null);
        String first = ((Outcome.TaskOutcome) h.await(h.control.submit(keyed))).task().id();
        String agent = h.register("worker", 4);
        Task leased = h.pollOne(agent);
        assertThat(leased.id()).isEqualTo(first);

        CompletableFuture<List<Task>> poll = h.control.poll(agent, 4, 5_000);
        CompletableFuture<Outcome> repeat = h.control.submit(keyed);
        h.settle();

        assertThat(((Outcome.TaskOutcome) repeat.join()).task().id()).isEqualTo(first);
        assertThat(poll).isNotDone();
    }
}
