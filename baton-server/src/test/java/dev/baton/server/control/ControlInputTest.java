package dev.baton.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.ErrorCodes;
import dev.baton.api.TaskState;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import org.junit.jupiter.api.Test;

/** Control tests of human input: no clocks run while a task waits, and the answer deadline, across leaders. */
class ControlInputTest {
    private final ControlHarness h = new ControlHarness();

    private Task asked(long timeoutMs) {
        String agent = h.register("a", 1);
        h.submit();
        Task leased = h.pollOne(agent);
        h.await(h.control.awaitInput(leased.id(), leased.attempt(), "ok?", "{}", timeoutMs));
        return h.task(leased.id());
    }

    @Test
    void waitingTask_outlivesLeaseAndAgentTimeouts() {
        Task task = asked(0);

        h.advance(ControlHarness.SETTINGS.leaseTimeoutMs() * 3);

        assertThat(h.task(task.id()).state()).isEqualTo(TaskState.AWAITING_INPUT);
    }

    @Test
    void answerDeadline_passes_timesTheTaskOut() {
        Task task = asked(5_000);

        h.advance(4_999);
        assertThat(h.task(task.id()).state()).isEqualTo(TaskState.AWAITING_INPUT);
        h.advance(1);

        assertThat(h.task(task.id()).state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(h.task(task.id()).error().code()).isEqualTo(ErrorCodes.INPUT_TIMEOUT);
    }

    @Test
    void answerDeadline_survivesALeaderChange() {
        Task task = asked(5_000);
        h.control.onLeadershipChange(false);
        h.settle();
        h.control.onLeadershipChange(true);
        h.settle();

        h.advance(5_000);

        assertThat(h.task(task.id()).state()).isEqualTo(TaskState.TIMED_OUT);
    }

    @Test
    void answer_queuesTheTaskForTheNextPoll() {
        Task task = asked(0);
        String other = h.register("b", 1);

        Outcome outcome = h.await(h.control.provideInput(task.id(), 1, "{\"approved\":true}"));

        assertThat(((Outcome.TaskOutcome) outcome).task().state()).isEqualTo(TaskState.QUEUED);
        Task next = h.pollOne(other);
        assertThat(next.id()).isEqualTo(task.id());
        assertThat(next.attempt()).isEqualTo(2);
    }
}
