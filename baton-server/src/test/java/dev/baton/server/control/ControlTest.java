package dev.baton.server.control;

import static dev.baton.server.control.ControlHarness.SETTINGS;
import static dev.baton.server.control.ControlHarness.ref;
import static dev.baton.server.control.ControlHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorCodes;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.DeregisterAgent;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Control tests over an in-memory log and a fake clock: requests (submit, poll, results, cancel), dispatch, drains
 * and leadership. Timers and liveness are in {@link ControlTimeoutTest}.
 */
class ControlTest {
    private static final RetryPolicy NO_RETRY = new RetryPolicy(1, 1_000, 2.0, 60_000, List.of());

    private final ControlHarness h = new ControlHarness();

    // ---- submit and poll ----

    @Test
    void poll_afterSubmit_leasesTheTaskWithAttemptOne() {
        String agent = h.register("a", 4);
        String taskId = h.submit();

        Task leased = h.pollOne(agent);

        assertThat(leased.id()).isEqualTo(taskId);
        assertThat(leased.attempt()).isEqualTo(1);
        assertThat(leased.state()).isEqualTo(TaskState.LEASED);
        assertThat(leased.agentId()).isEqualTo(agent);
        assertThat(h.agent(agent).activeTaskIds()).containsExactly(taskId);
    }

    @Test
    void poll_withoutWaitWhenWorkIsQueued_returnsTheTask() {
        String agent = h.register("a", 4);
        String taskId = h.submit();

        List<Task> tasks = h.await(h.control.poll(agent, 1, 0));

        assertThat(tasks).extracting(Task::id).containsExactly(taskId);
    }

    @Test
    void poll_withNoWork_waitsAndIsAnsweredWhenATaskIsSubmitted() {
        String agent = h.register("a", 4);
        CompletableFuture<List<Task>> poll = h.control.poll(agent, 1, 10_000);
        h.settle();
        assertThat(poll).isNotDone();

        String taskId = h.submit();

        assertThat(h.await(poll)).extracting(Task::id).containsExactly(taskId);
    }

    @Test
    void poll_withNoWorkPastItsWait_isAnsweredEmpty() {
        String agent = h.register("a", 4);
        CompletableFuture<List<Task>> poll = h.control.poll(agent, 1, 5_000);
        h.settle();

        h.advance(4_999);
        assertThat(poll).isNotDone();
        h.advance(1);

        assertThat(h.await(poll)).isEmpty();
    }

    @Test
    void poll_waitLongerThanTheCap_isCutToMaxPollWait() {
        String agent = h.register("a", 4);
        CompletableFuture<List<Task>> poll = h.control.poll(agent, 1, Long.MAX_VALUE);
        h.settle();
        h.advance(SETTINGS.maxPollWaitMs() - 1);
        assertThat(poll).isNotDone();

        h.advance(1);

        assertThat(h.await(poll)).isEmpty();
    }

    @Test
    void poll_acrossPolls_leasesHighestPriorityFirstThenOldestFirst() {
        String agent = h.register("a", 10);
        String low = h.submit(spec(1));
        String highOld = h.submit(spec(5));
        String mid = h.submit(spec(3));
        String highNew = h.submit(spec(5));

        List<String> order = List.of(h.pollOne(agent).id(), h.pollOne(agent).id(), h.pollOne(agent).id(),
                h.pollOne(agent).id());

        assertThat(order).containsExactly(highOld, highNew, mid, low);
    }

    @Test
    void poll_forUnknownAgent_failsWithUnknownAgent() {
        assertThat(h.failure(h.control.poll("a_nobody", 1, 1_000))).isInstanceOf(UnknownAgentException.class);
    }

    @Test
    void dispatch_withTwoAgentsWaiting_givesTheTaskToTheLeastLoaded() {
        String busy = h.register("busy", 4);
        String idle = h.register("idle", 4);
        h.submit();
        h.submit();
        assertThat(h.pollNow(busy, 2)).hasSize(2);

        CompletableFuture<List<Task>> busyPoll = h.control.poll(busy, 1, 10_000);
        CompletableFuture<List<Task>> idlePoll = h.control.poll(idle, 1, 10_000);
        h.settle();
        String taskId = h.submit();

        assertThat(h.await(idlePoll)).extracting(Task::id).containsExactly(taskId);
        assertThat(busyPoll).isNotDone();
    }

    @Test
    void dispatch_toAFullAgent_waitsForAFreeSlot() {
        String agent = h.register("a", 1);
        h.submit();
        Task first = h.pollOne(agent);
        String second = h.submit();
        CompletableFuture<List<Task>> poll = h.control.poll(agent, 1, 10_000);
        h.settle();
        assertThat(poll).isNotDone();

        h.report(agent, first, TaskState.SUCCEEDED);

        assertThat(h.await(poll)).extracting(Task::id).containsExactly(second);
    }

    @Test
    void poll_repeatedWhileALeaseIsInFlight_leavesTheNewestPollWaiting() {
        ControlHarness q = new ControlHarness(false);
        String agent = q.register("a", 4);
        String cancelled = q.submit();
        CompletableFuture<Outcome> cancel = q.control.cancel(cancelled, "changed my mind");
        q.loop.runAll();
        CompletableFuture<List<Task>> older = q.control.poll(agent, 1, 10_000);
        q.loop.runAll(); // routes the queued task: the lease is proposed behind the cancel
        CompletableFuture<List<Task>> newer = q.control.poll(agent, 1, 10_000);
        q.loop.runAll();

        q.settle(); // the cancel commits first, so the lease comes back empty
        assertThat(q.await(cancel)).isInstanceOf(Outcome.TaskOutcome.class);
        String next = q.submit();

        assertThat(q.await(newer)).extracting(Task::id).containsExactly(next);
        assertThat(q.await(older)).isEmpty();
    }

    // ---- results, retries, cancel ----

    @Test
    void report_success_finishesTheTaskAndFreesTheSlot() {
        String agent = h.register("a", 4);
        h.submit();
        Task leased = h.pollOne(agent);

        Outcome.Results results = h.report(agent, leased, TaskState.SUCCEEDED);

        assertThat(results.accepted()).containsExactly(leased.id());
        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(h.agent(agent).activeTaskIds()).isEmpty();
        assertThat(h.report(agent, leased, TaskState.SUCCEEDED).accepted()).containsExactly(leased.id());
    }

    @Test
    void report_failureWithRetriesLeft_isNotDispatchedBeforeItsBackoff() {
        String agent = h.register("a", 4);
        h.submit();
        Task first = h.pollOne(agent);

        h.report(agent, first, TaskState.FAILED);

        Task backingOff = h.task(first.id());
        assertThat(backingOff.state()).isEqualTo(TaskState.QUEUED);
        long backoffMs = backingOff.visibleAtMs() - h.clock.getAsLong();
        assertThat(backoffMs).isBetween(RetryPolicy.DEFAULT.initialBackoffMs() / 2,
                RetryPolicy.DEFAULT.initialBackoffMs());
        CompletableFuture<List<Task>> poll = h.control.poll(agent, 1, 10_000);
        h.advance(backoffMs - 1);
        assertThat(poll).isNotDone();

        h.advance(1);

        assertThat(h.await(poll)).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(first.id());
            assertThat(t.attempt()).isEqualTo(2);
        });
    }

    @Test
    void report_failureOnTheLastAttempt_failsTheTask() {
        String agent = h.register("a", 4);
        h.submit(spec(NO_RETRY, Timeouts.NONE));
        Task leased = h.pollOne(agent);

        h.report(agent, leased, TaskState.FAILED);

        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.FAILED);
    }

    @Test
    void cancel_ofARunningTask_isInTheAgentsNextHeartbeatStopList() {
        String agent = h.register("a", 4);
        h.submit();
        Task leased = h.pollOne(agent);
        h.heartbeat(agent, ref(leased));

        Outcome cancelled = h.await(h.control.cancel(leased.id(), "no longer needed"));

        assertThat(cancelled).isInstanceOf(Outcome.TaskOutcome.class);
        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(h.agent(agent).activeTaskIds()).isEmpty();
        assertThat(h.heartbeat(agent, ref(leased)).stop()).containsExactly(ref(leased));
    }

    @Test
    void submit_withARepeatedIdempotencyKey_returnsTheFirstTask() {
        TaskSpec keyed = new TaskSpec(ControlHarness.CAPABILITY, "{}", 3, "key-1", null, null, null, null);
        Outcome.TaskOutcome first = (Outcome.TaskOutcome) h.await(h.control.submit(keyed));
        Outcome.TaskOutcome again = (Outcome.TaskOutcome) h.await(h.control.submit(keyed));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.task().id()).isEqualTo(first.task().id());
    }

    // ---- drain ----

    @Test
    void drainAndDeregister_ofABusyAgent_removesItOnceIdle() {
        String agent = h.register("a", 4);
        h.submit();
        Task leased = h.pollOne(agent);

        Outcome.AgentOutcome draining = (Outcome.AgentOutcome) h.await(h.control.drainAndDeregister(agent));
        assertThat(draining.agent().state()).isEqualTo(AgentState.DRAINING);
        h.advance(1_000);
        assertThat(h.agent(agent)).isNotNull();
        h.submit();
        CompletableFuture<List<Task>> poll = h.control.poll(agent, 1, 5_000);
        h.settle();
        assertThat(poll).isNotDone();

        h.report(agent, leased, TaskState.SUCCEEDED);
        h.advance(1);

        assertThat(h.agent(agent)).isNull();
        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void drainAndDeregister_pastTheDrainTimeout_removesTheAgentAndRequeuesItsTasks() {
        String agent = h.register("a", 4);
        h.submit();
        Task leased = h.pollOne(agent);
        h.await(h.control.drainAndDeregister(agent));

        for (long t = 1_000; t < SETTINGS.drainTimeoutMs(); t += 1_000) {
            h.advance(1_000);
            h.heartbeat(agent, ref(leased));
        }
        assertThat(h.agent(agent).activeTaskIds()).containsExactly(leased.id());
        h.advance(1_000);

        assertThat(h.agent(agent)).isNull();
        Task requeued = h.task(leased.id());
        assertThat(requeued.state()).isEqualTo(TaskState.QUEUED);
        assertThat(requeued.error().code()).isEqualTo(ErrorCodes.AGENT_DEREGISTERED);
    }

    @Test
    void drainAndDeregister_ofAnUnknownAgent_isRejectedAndNotRetried() {
        Outcome outcome = h.await(h.control.drainAndDeregister("a_nobody"));

        for (int i = 0; i < 5; i++) {
            h.advance(1_000);
        }

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(h.log.committed(DeregisterAgent.class)).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void drainAndDeregister_acrossALeaderChange_stillRemovesTheAgentOnceIdle() {
        String agent = h.register("a", 4);
        h.submit();
        Task leased = h.pollOne(agent);
        h.await(h.control.drainAndDeregister(agent));

        h.control.onLeadershipChange(false);
        h.control.onLeadershipChange(true);
        h.settle();
        h.report(agent, leased, TaskState.SUCCEEDED);
        h.advance(1);

        assertThat(h.agent(agent)).isNull();
    }

    @Test
    void drainAndDeregister_committedAfterALeaderChange_stillRemovesTheAgent() {
        ControlHarness q = new ControlHarness(false);
        String agent = q.register("a", 4);
        CompletableFuture<Outcome> drain = q.control.drainAndDeregister(agent);
        q.loop.runAll(); // DRAINING is proposed, not yet committed

        q.control.onLeadershipChange(false);
        q.control.onLeadershipChange(true);
        q.loop.runAll(); // the new leader rebuilds while the agent is still ready
        q.settle(); // then the old term's DRAINING commits
        q.clock.advance(1);
        q.loop.execute(q.control::tick);
        q.settle();

        assertThat(drain).isDone();
        assertThat(q.agent(agent)).isNull();
    }

    // ---- leadership ----

    @Test
    void leadershipLoss_failsPendingPollsAndLaterRequestsWithNotLeader() {
        String agent = h.register("a", 4);
        CompletableFuture<List<Task>> poll = h.control.poll(agent, 1, 10_000);
        h.settle();

        h.control.onLeadershipChange(false);

        assertThat(h.failure(poll)).isInstanceOf(NotLeaderException.class);
        assertThat(h.control.isLeader()).isFalse();
        assertThat(h.failure(h.control.submit(spec(3)))).isInstanceOf(NotLeaderException.class);
    }

    @Test
    void leadershipGain_rebuildsTimers_givingARunningTaskAFreshLease() {
        String agent = h.register("a", 4);
        h.submit();
        Task leased = h.pollOne(agent);
        h.heartbeat(agent, ref(leased));
        h.control.onLeadershipChange(false);
        h.settle();

        h.clock.advance(SETTINGS.leaseTimeoutMs() * 3); // the cluster had no leader for a while
        h.control.onLeadershipChange(true);
        h.advance(0);

        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.RUNNING);
        assertThat(h.agent(agent).state()).isEqualTo(AgentState.READY);
        h.stayAliveFor(agent, SETTINGS.leaseTimeoutMs() - 1);
        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.RUNNING);
        h.advance(1);
        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.QUEUED);
    }

    @Test
    void leadershipChange_whileALeaseIsInFlight_keepsTheAgentsCapacityRight() {
        ControlHarness q = new ControlHarness(false);
        String agent = q.register("a", 1);
        q.submit();
        q.submit();
        CompletableFuture<List<Task>> poll = q.control.poll(agent, 1, 10_000);
        q.loop.runAll(); // the lease of the first task is proposed, not yet committed

        q.control.onLeadershipChange(false);
        q.control.onLeadershipChange(true);
        q.loop.runAll();
        q.settle(); // the old term's lease commits after the new term began (its entry was already in the log)
        assertThat(q.await(poll)).hasSize(1);
        CompletableFuture<List<Task>> second = q.control.poll(agent, 1, 10_000);
        for (int i = 0; i < 10; i++) {
            q.loop.runAll();
            q.log.flush();
        }

        assertThat(q.log.committed(LeaseTasks.class)).hasSizeLessThanOrEqualTo(2);
        assertThat(second).isNotDone();
        assertThat(q.agent(agent).activeTaskIds()).hasSize(1);
    }
}
