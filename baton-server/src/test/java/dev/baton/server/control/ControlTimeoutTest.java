package dev.baton.server.control;

import static dev.baton.server.control.ControlHarness.SETTINGS;
import static dev.baton.server.control.ControlHarness.ref;
import static dev.baton.server.control.ControlHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorCodes;
import dev.baton.api.HeartbeatResponse;
import dev.baton.api.ResultsResponse.RejectedResult;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Control tests over an in-memory log and a fake clock: leases, heartbeats, the task timeouts and agent liveness.
 * Time moves only through {@link ControlHarness#advance}, which runs one tick.
 */
class ControlTimeoutTest {
    private static final RetryPolicy NO_RETRY = new RetryPolicy(1, 1_000, 2.0, 60_000, List.of());

    private final ControlHarness h = new ControlHarness();

    // ---- leases, heartbeats, timeouts ----

    @Test
    void leaseExpiry_withoutAHeartbeatForTheAttempt_requeuesAsAttemptTwoAndRejectsTheOldResult() {
        String agent = h.register("a", 4);
        h.submit();
        Task first = h.pollOne(agent);

        h.stayAliveFor(agent, SETTINGS.leaseTimeoutMs() - 1);
        assertThat(h.task(first.id()).state()).isEqualTo(TaskState.LEASED);
        h.advance(1);

        Task requeued = h.task(first.id());
        assertThat(requeued.state()).isEqualTo(TaskState.QUEUED);
        assertThat(requeued.error().code()).isEqualTo(ErrorCodes.LEASE_EXPIRED);
        h.advance(requeued.visibleAtMs() - h.clock.getAsLong());
        h.heartbeat(agent);
        Task second = h.pollOne(agent);
        assertThat(second.attempt()).isEqualTo(2);

        Outcome.Results late = h.report(agent, first, TaskState.SUCCEEDED);
        assertThat(late.rejected()).containsExactly(new RejectedResult(first.id(), ErrorCodes.STALE_ATTEMPT));
        assertThat(h.task(first.id()).state()).isEqualTo(TaskState.LEASED);
        assertThat(h.report(agent, second, TaskState.SUCCEEDED).accepted()).containsExactly(first.id());
    }

    @Test
    void leaseExpiry_whoseProposalFails_isProposedAgainAtTheNextTick() {
        ControlHarness q = new ControlHarness(false);
        String agent = q.register("a", 4);
        q.submit();
        Task leased = q.pollOne(agent);
        q.stayAliveFor(agent, SETTINGS.leaseTimeoutMs() - 1);
        q.clock.advance(1);
        q.loop.execute(q.control::tick);
        q.loop.runAll();

        assertThat(q.log.rejectNext(new IllegalStateException("proposal queue is full"))).isTrue();
        q.settle();
        assertThat(q.task(leased.id()).state()).isEqualTo(TaskState.LEASED);
        q.advance(1); // not a whole new lease: the attempt is already past its deadline

        assertThat(q.task(leased.id()).state()).isEqualTo(TaskState.QUEUED);
        assertThat(q.task(leased.id()).error().code()).isEqualTo(ErrorCodes.LEASE_EXPIRED);
    }

    @Test
    void heartbeatTimeout_whoseProposalFails_isProposedAgainWithItsReason() {
        ControlHarness q = new ControlHarness(false);
        String agent = q.register("a", 4);
        q.submit(spec(RetryPolicy.DEFAULT, new Timeouts(0, 0, 5_000)));
        Task leased = q.pollOne(agent);
        q.stayAliveFor(agent, 4_999);
        q.clock.advance(1);
        q.loop.execute(q.control::tick);
        q.loop.runAll();

        assertThat(q.log.rejectNext(new IllegalStateException("proposal queue is full"))).isTrue();
        q.settle();
        q.advance(1);

        assertThat(q.task(leased.id()).state()).isEqualTo(TaskState.QUEUED);
        assertThat(q.task(leased.id()).error().code()).isEqualTo(ErrorCodes.HEARTBEAT_TIMEOUT);
    }

    @Test
    void scheduleToStartTimeout_whoseProposalFails_isProposedAgain() {
        ControlHarness q = new ControlHarness(false);
        String taskId = q.submit(spec(RetryPolicy.DEFAULT, new Timeouts(3_000, 0, 0)));
        q.clock.advance(3_000);
        q.loop.execute(q.control::tick);
        q.loop.runAll();

        assertThat(q.log.rejectNext(new IllegalStateException("proposal queue is full"))).isTrue();
        q.settle();
        q.advance(1);

        assertThat(q.task(taskId).state()).isEqualTo(TaskState.TIMED_OUT);
    }

    @Test
    void heartbeat_onALeasedAttempt_marksItRunningAndExtendsItsLease() {
        String agent = h.register("a", 4);
        h.submit();
        Task leased = h.pollOne(agent);
        h.stayAliveFor(agent, SETTINGS.leaseTimeoutMs() - 1_000);

        HeartbeatResponse reply = h.heartbeat(agent, ref(leased));

        assertThat(reply.state()).isEqualTo(AgentState.READY);
        assertThat(reply.stop()).isEmpty();
        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.RUNNING);
        h.stayAliveFor(agent, 2_000); // past the first lease
        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.RUNNING);
        assertThat(h.task(leased.id()).attempt()).isEqualTo(1);
    }

    @Test
    void taskHeartbeat_ofTheLiveAttempt_extendsItsLease() {
        String agent = h.register("a", 4);
        h.submit();
        Task leased = h.pollOne(agent);
        h.stayAliveFor(agent, SETTINGS.leaseTimeoutMs() - 1_000);

        HeartbeatResponse reply = h.await(h.control.taskHeartbeat(leased.id(), leased.attempt()));
        h.stayAliveFor(agent, 2_000);

        assertThat(reply.stop()).isEmpty();
        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void taskHeartbeat_ofAQueuedTask_asksToStop() {
        String taskId = h.submit();

        HeartbeatResponse reply = h.await(h.control.taskHeartbeat(taskId, 1));

        assertThat(reply.stop()).extracting(r -> r.taskId()).containsExactly(taskId);
    }

    @Test
    void startToCloseTimeout_endsTheAttemptEvenWithHeartbeats() {
        String agent = h.register("a", 4);
        h.submit(spec(NO_RETRY, new Timeouts(0, 3_000, 0)));
        Task leased = h.pollOne(agent);
        h.advance(2_000);
        h.heartbeat(agent, ref(leased));

        h.advance(1_000);

        Task after = h.task(leased.id());
        assertThat(after.state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(after.error().code()).isEqualTo(ErrorCodes.START_TO_CLOSE_TIMEOUT);
    }

    @Test
    void heartbeatTimeout_withoutAHeartbeatForTheAttempt_endsIt() {
        String agent = h.register("a", 4);
        h.submit(spec(NO_RETRY, new Timeouts(0, 0, 2_000)));
        Task leased = h.pollOne(agent);
        h.advance(1_500);
        h.heartbeat(agent, ref(leased));
        h.advance(1_999);
        assertThat(h.task(leased.id()).state()).isEqualTo(TaskState.RUNNING);

        h.advance(1);

        Task after = h.task(leased.id());
        assertThat(after.state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(after.error().code()).isEqualTo(ErrorCodes.HEARTBEAT_TIMEOUT);
    }

    @Test
    void scheduleToStartTimeout_withNoAgent_endsTheTaskTimedOut() {
        String taskId = h.submit(spec(RetryPolicy.DEFAULT, new Timeouts(3_000, 0, 0)));
        h.advance(2_999);
        assertThat(h.task(taskId).state()).isEqualTo(TaskState.QUEUED);

        h.advance(1);

        Task after = h.task(taskId);
        assertThat(after.state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(after.error().code()).isEqualTo(ErrorCodes.SCHEDULE_TO_START_TIMEOUT);
    }

    @Test
    void scheduleToStartTimeout_afterTheFirstLease_doesNotApply() {
        String agent = h.register("a", 4);
        String taskId = h.submit(spec(RetryPolicy.DEFAULT, new Timeouts(3_000, 0, 0)));
        h.pollOne(agent);

        h.advance(3_000);

        assertThat(h.task(taskId).state()).isEqualTo(TaskState.LEASED);
    }

    // ---- agents ----

    @Test
    void agentTimeout_silentAgent_isMarkedDownAndItsTasksRequeued() {
        String silent = h.register("silent", 4);
        h.submit();
        Task leased = h.pollOne(silent);
        h.advance(SETTINGS.agentTimeoutMs());
        assertThat(h.agent(silent).state()).isEqualTo(AgentState.READY);

        h.advance(1);

        assertThat(h.agent(silent).state()).isEqualTo(AgentState.DOWN);
        Task requeued = h.task(leased.id());
        assertThat(requeued.state()).isEqualTo(TaskState.QUEUED);
        assertThat(requeued.error().code()).isEqualTo(ErrorCodes.AGENT_DOWN);
        String other = h.register("other", 4);
        Task second = h.pollOne(other);
        assertThat(second.id()).isEqualTo(leased.id());
        assertThat(second.attempt()).isEqualTo(2);
    }

    @Test
    void agentTimeout_agentWaitingInALongPoll_staysReady() {
        String waiting = h.register("waiting", 4);
        var poll = h.control.poll(waiting, 1, SETTINGS.maxPollWaitMs());
        h.settle();

        h.advance(SETTINGS.agentTimeoutMs() + 1);

        assertThat(poll).isNotDone();
        assertThat(h.agent(waiting).state()).isEqualTo(AgentState.READY);
    }

    @Test
    void heartbeat_fromADownAgent_revivesItAndStopsItsOldAttempts() {
        String agent = h.register("a", 4);
        h.submit();
        Task leased = h.pollOne(agent);
        h.advance(SETTINGS.agentTimeoutMs() + 1);
        assertThat(h.agent(agent).state()).isEqualTo(AgentState.DOWN);

        HeartbeatResponse reply = h.heartbeat(agent, ref(leased));

        assertThat(reply.state()).isEqualTo(AgentState.READY);
        assertThat(reply.stop()).containsExactly(ref(leased));
        assertThat(h.agent(agent).state()).isEqualTo(AgentState.READY);
        assertThat(h.pollOne(agent).attempt()).isEqualTo(2);
    }

    @Test
    void heartbeat_fromUnknownAgent_failsWithUnknownAgent() {
        assertThat(h.failure(h.control.heartbeat("a_nobody", List.of()))).isInstanceOf(UnknownAgentException.class);
    }
}
