package dev.baton.core.state;

import static dev.baton.core.state.StateFixture.T0;
import static dev.baton.core.state.StateFixture.retry;
import static dev.baton.core.state.StateFixture.retryable;
import static dev.baton.core.state.StateFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.ErrorCodes;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.AwaitInput;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.ProvideInput;
import dev.baton.core.command.TimeOutTask;
import org.junit.jupiter.api.Test;

/** Apply tests of {@link InputApplier}: asking, answering, deadlines, and what the retry budget counts. */
class InputApplierTest {
    private static final String SCHEMA = "{\"type\":\"object\"}";
    private final StateFixture f = new StateFixture();

    private Task leasedTask(TaskSpec spec) {
        f.registerAgent("a1", 2, "review");
        f.submit("t1", spec, T0);
        f.lease("a1", T0 + 1, "t1");
        return f.task("t1");
    }

    @Test
    void await_liveAttempt_endsItFreesTheSlotAndWaits() {
        leasedTask(spec("review"));

        Outcome outcome = f.apply(new AwaitInput("t1", 1, "Approve?", SCHEMA, 0, T0 + 5));

        Task task = ((Outcome.TaskOutcome) outcome).task();
        assertThat(task.state()).isEqualTo(TaskState.AWAITING_INPUT);
        assertThat(task.agentId()).isNull();
        assertThat(task.attempts().getLast().outcome()).isEqualTo("awaiting_input");
        assertThat(task.pendingInput().prompt()).isEqualTo("Approve?");
        assertThat(task.pendingInput().round()).isEqualTo(1);
        assertThat(f.agent("a1").activeTaskIds()).isEmpty();
        assertThat(f.state.countInState(TaskState.AWAITING_INPUT)).isEqualTo(1);
        assertThat(f.state.queueDepth("review")).isZero();
    }

    @Test
    void await_staleAttempt_isRejected() {
        leasedTask(spec("review"));

        Outcome outcome = f.apply(new AwaitInput("t1", 2, "Approve?", SCHEMA, 0, T0 + 5));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(f.task("t1").state()).isEqualTo(TaskState.LEASED);
    }

    @Test
    void await_sourceOfAConsensusTask_isRejected() {
        TaskSpec plain = spec("review");
        leasedTask(new TaskSpec(plain.capability(), plain.inputJson(), plain.priority(), null, plain.tenant(),
                plain.labels(), plain.retry(), plain.timeouts(), null, null, null, "t-parent"));

        Outcome outcome = f.apply(new AwaitInput("t1", 1, "Approve?", SCHEMA, 0, T0 + 5));

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(f.task("t1").state()).isEqualTo(TaskState.LEASED);
    }

    @Test
    void provide_answer_queuesTheTaskWithTheAnswerForTheNextAttempt() {
        leasedTask(spec("review"));
        f.apply(new AwaitInput("t1", 1, "Approve?", SCHEMA, 0, T0 + 5));

        f.apply(new ProvideInput("t1", 1, "{\"approved\":true}", T0 + 9));

        Task task = f.task("t1");
        assertThat(task.state()).isEqualTo(TaskState.QUEUED);
        assertThat(task.visibleAtMs()).isEqualTo(T0 + 9);
        assertThat(task.inputs().getLast().answerJson()).isEqualTo("{\"approved\":true}");
        assertThat(f.state.queueDepth("review")).isEqualTo(1);
        Task next = f.lease("a1", T0 + 10, "t1").tasks().getFirst();
        assertThat(next.attempt()).isEqualTo(2);
        assertThat(next.inputs()).hasSize(1);
    }

    @Test
    void provide_secondAnswerToTheSameQuestion_isRejected() {
        leasedTask(spec("review"));
        f.apply(new AwaitInput("t1", 1, "Approve?", SCHEMA, 0, T0 + 5));
        f.apply(new ProvideInput("t1", 1, "true", T0 + 9));

        assertThat(f.apply(new ProvideInput("t1", 1, "false", T0 + 10))).isInstanceOf(Outcome.Rejected.class);
        assertThat(f.task("t1").inputs().getLast().answerJson()).isEqualTo("true");
    }

    @Test
    void timeOut_pastTheQuestionsDeadline_endsTheTaskTimedOut() {
        leasedTask(spec("review"));
        f.apply(new AwaitInput("t1", 1, "Approve?", SCHEMA, T0 + 1_000, T0 + 5));

        assertThat(f.apply(new TimeOutTask("t1", T0 + 999))).isInstanceOf(Outcome.Rejected.class);
        f.apply(new TimeOutTask("t1", T0 + 1_000));

        Task task = f.task("t1");
        assertThat(task.state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(task.error().code()).isEqualTo(ErrorCodes.INPUT_TIMEOUT);
    }

    @Test
    void cancel_whileWaiting_cancelsTheTask() {
        leasedTask(spec("review"));
        f.apply(new AwaitInput("t1", 1, "Approve?", SCHEMA, 0, T0 + 5));

        f.apply(new CancelTask("t1", null, T0 + 6));

        assertThat(f.task("t1").state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void retryBudget_doesNotCountAttemptsThatAskedAQuestion() {
        leasedTask(spec("review", retry(1), Timeouts.NONE));
        f.apply(new AwaitInput("t1", 1, "Approve?", SCHEMA, 0, T0 + 5));
        f.apply(new ProvideInput("t1", 1, "true", T0 + 6));
        f.lease("a1", T0 + 7, "t1");

        f.fail("a1", "t1", 2, retryable("FLAKY"), 0, T0 + 8);

        assertThat(f.task("t1").state()).isEqualTo(TaskState.FAILED); // one counted attempt, maxAttempts 1
        assertThat(f.task("t1").attemptsCountedForRetry()).isEqualTo(1);
    }

    @Test
    void snapshot_keepsAWaitingTaskAndItsQuestion() {
        leasedTask(spec("review"));
        f.apply(new AwaitInput("t1", 1, "Approve?", SCHEMA, T0 + 1_000, T0 + 5));

        BatonState restored = BatonState.fromSnapshot(SnapshotCodec.decode(SnapshotCodec.encode(f.state.toSnapshot())));

        assertThat(restored.taskById("t1").orElseThrow()).isEqualTo(f.task("t1"));
        assertThat(restored.countInState(TaskState.AWAITING_INPUT)).isEqualTo(1);
    }
}
