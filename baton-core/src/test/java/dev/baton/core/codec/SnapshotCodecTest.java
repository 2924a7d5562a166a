package dev.baton.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.RetryPolicy;
import dev.baton.api.Role;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.AwaitInput;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.Command;
import dev.baton.core.command.CreateApiKey;
import dev.baton.core.command.EvictFinishedTasks;
import dev.baton.core.command.ExpireAttempt;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.ProvideInput;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.SetAgentState;
import dev.baton.core.command.StartTasks;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.TimeOutTask;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.StateSnapshot;
import dev.baton.core.state.TaskSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {
    private static final long T0 = 1_000_000L;

    /** A state with agents in every liveness state, tasks in every task state, keys and idempotency keys. */
    private static BatonState busyState() {
        BatonState state = new BatonState();
        RetryPolicy retry = new RetryPolicy(3, 100, 2.0, 1_000, List.of("BAD_INPUT"));
        for (Command c : List.<Command>of(
                new RegisterAgent("a1", "one", List.of("cap", "other"), Map.of("region", "eu"), 3, T0),
                new RegisterAgent("a2", "two", List.of("cap"), null, 1, T0),
                new RegisterAgent("a3", "three", List.of("other"), Map.of(), 4, T0),
                new SubmitTask("t-queued", spec("cap", 5, "k-queued", retry, Timeouts.NONE), T0),
                new SubmitTask("t-leased", spec("cap", 1, null, retry, new Timeouts(0, 5_000, 0)), T0 + 1),
                new SubmitTask("t-running", spec("other", 3, "k-running", retry, Timeouts.NONE), T0 + 2),
                new SubmitTask("t-succeeded", spec("cap", 3, null, retry, Timeouts.NONE), T0 + 3),
                new SubmitTask("t-failed", spec("cap", 3, null, retry, Timeouts.NONE), T0 + 4),
                new SubmitTask("t-cancelled", spec("cap", 2, "k-cancelled", retry, Timeouts.NONE), T0 + 5),
                new SubmitTask("t-timed-out", spec("other", 4, null, retry, new Timeouts(10, 0, 0)), T0 + 6),
                new SubmitTask("t-backoff", spec("cap", 4, null, retry, Timeouts.NONE), T0 + 7),
                new SubmitTask("t-awaiting", spec("other", 3, null, retry, Timeouts.NONE), T0 + 8),
                new SubmitTask("t-answered", spec("other", 3, null, retry, Timeouts.NONE), T0 + 9),
                new LeaseTasks("a1", List.of("t-succeeded", "t-failed", "t-backoff"), T0 + 10),
                new ReportResults("a1", List.of(
                        new ReportResults.Report("t-succeeded", 1, TaskState.SUCCEEDED, "{\"answer\":42}", null, 0),
                        new ReportResults.Report("t-failed", 1, TaskState.FAILED, null,
                                ErrorInfo.of("BAD_INPUT", "nope", true), 0),
                        new ReportResults.Report("t-backoff", 1, TaskState.FAILED, null,
                                ErrorInfo.of("FLAKY", "try again", true), 5_000)), T0 + 11),
                new ReportResults("a2", List.of(
                        new ReportResults.Report("t-succeeded", 1, TaskState.FAILED, null, null, 0)), T0 + 12),
                new LeaseTasks("a2", List.of("t-leased"), T0 + 13),
                new LeaseTasks("a3", List.of("t-running"), T0 + 14),
                new StartTasks("a3", List.of(new TaskRef("t-running", 1)), T0 + 15),
                new ExpireAttempt("t-running", 1, ErrorInfo.of(ErrorCodes.HEARTBEAT_TIMEOUT, "silent", true), 0,
                        T0 + 16),
                new LeaseTasks("a3", List.of("t-running"), T0 + 17),
                new StartTasks("a3", List.of(new TaskRef("t-running", 2)), T0 + 18),
                new CancelTask("t-cancelled", "changed my mind", T0 + 19),
                new TimeOutTask("t-timed-out", T0 + 20),
                new LeaseTasks("a3", List.of("t-awaiting", "t-answered"), T0 + 20),
                new AwaitInput("t-awaiting", 1, "Ship it?", "{\"type\":\"boolean\"}", T0 + 60_000, T0 + 20),
                new AwaitInput("t-answered", 1, "Which?", "{\"type\":\"string\"}", 0, T0 + 20),
                new ProvideInput("t-answered", 1, "\"left\"", T0 + 20),
                new SetAgentState("a1", AgentState.DRAINING, "deploy", T0 + 21),
                new RegisterAgent("a4", "four", List.of("cap"), Map.of(), 1, T0 + 22),
                new SetAgentState("a4", AgentState.DOWN, null, T0 + 23),
                new CreateApiKey("key-1", "ci", Role.SUBMITTER, "aa".repeat(32), T0),
                new CreateApiKey("key-2", "ops", Role.ADMIN, "bb".repeat(32), T0))) {
            state.apply(c, e -> { });
        }
        for (TaskState s : TaskState.values()) {
            assertThat(state.countInState(s)).as("fixture has a task in %s", s).isPositive();
        }
        return state;
    }

    private static BatonState restore(BatonState state) {
        return BatonState.fromSnapshot(SnapshotCodec.decode(SnapshotCodec.encode(state.toSnapshot())));
    }

    private static TaskSpec spec(String capability, int priority, String key, RetryPolicy retry, Timeouts timeouts) {
        return new TaskSpec(capability, "{\"q\":\"" + capability + "\"}", priority, key, "tenant-a",
                Map.of("source", "test"), retry, timeouts);
    }

    @Test
    void decode_encodedSnapshot_returnsEqualSnapshotAndDigest() {
        StateSnapshot snapshot = busyState().toSnapshot();

        StateSnapshot decoded = SnapshotCodec.decode(SnapshotCodec.encode(snapshot));

        assertThat(decoded).isEqualTo(snapshot);
        assertThat(SnapshotCodec.digest(decoded)).isEqualTo(SnapshotCodec.digest(snapshot));
    }

    @Test
    void fromSnapshot_decodedSnapshot_rebuildsEqualState() {
        BatonState original = busyState();

        BatonState restored = restore(original);

        assertThat(restored.toSnapshot()).isEqualTo(original.toSnapshot());
        assertThat(SnapshotCodec.digest(restored.toSnapshot())).isEqualTo(SnapshotCodec.digest(original.toSnapshot()));
        for (TaskState s : TaskState.values()) {
            assertThat(restored.countInState(s)).as("count of %s", s).isEqualTo(original.countInState(s));
        }
        assertThat(restored.queueDepths()).isEqualTo(original.queueDepths());
        assertThat(restored.queuedTaskIds(List.of("cap", "other"), 100, id -> true))
                .isEqualTo(original.queuedTaskIds(List.of("cap", "other"), 100, id -> true));
        assertThat(restored.taskIdByIdempotencyKey("tenant-a", "k-running")).contains("t-running");
        assertThat(restored.taskIdByIdempotencyKey("tenant-a", "k-cancelled")).contains("t-cancelled");
        assertThat(restored.apiKeyBySha256("bb".repeat(32)))
                .hasValueSatisfying(k -> assertThat(k.id()).isEqualTo("key-2"));
        assertThat(restored.nextSeq()).isEqualTo(original.nextSeq());
    }

    @Test
    void fromSnapshot_restoredState_appliesFurtherCommandsLikeTheOriginal() {
        BatonState original = busyState();
        BatonState restored = restore(original);
        List<Command> more = List.of(
                new SubmitTask("t-new", spec("cap", 5, "k-queued", RetryPolicy.DEFAULT, null), T0 + 100),
                new SubmitTask("t-new2", spec("cap", 5, null, RetryPolicy.DEFAULT, null), T0 + 101),
                new ReportResults("a2", List.of(new ReportResults.Report("t-leased", 1, TaskState.SUCCEEDED, "1",
                        null, 0)), T0 + 102),
                new LeaseTasks("a2", List.of("t-queued", "t-new2"), T0 + 103),
                new SetAgentState("a3", AgentState.DOWN, null, T0 + 104),
                new EvictFinishedTasks(T0 + 15, 10, T0 + 105));

        for (Command c : more) {
            assertThat(restored.apply(c, e -> { })).as(c.toString()).isEqualTo(original.apply(c, e -> { }));
        }

        assertThat(SnapshotCodec.digest(restored.toSnapshot())).isEqualTo(SnapshotCodec.digest(original.toSnapshot()));
    }

    @Test
    void digest_differentStates_differ() {
        BatonState state = busyState();
        String before = SnapshotCodec.digest(state.toSnapshot());

        state.apply(new CancelTask("t-queued", null, T0 + 1_000), e -> { });

        assertThat(SnapshotCodec.digest(state.toSnapshot())).isNotEqualTo(before).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void digest_emptyState_isStable() {
        assertThat(SnapshotCodec.digest(new BatonState().toSnapshot()))
                .isEqualTo(SnapshotCodec.digest(BatonState.fromSnapshot(new BatonState().toSnapshot()).toSnapshot()));
    }

    @Test
    void decode_flippedPayloadByte_throwsChecksumError() {
        byte[] bytes = SnapshotCodec.encode(busyState().toSnapshot());
        for (int at : new int[] {20, 21, bytes.length / 2, bytes.length - 1}) {
            byte[] corrupt = bytes.clone();
            corrupt[at] ^= 0x01;

            assertThatThrownBy(() -> SnapshotCodec.decode(corrupt)).as("flip at %d", at)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("checksum");
        }
    }

    @Test
    void decode_flippedChecksumByte_throwsChecksumError() {
        byte[] bytes = SnapshotCodec.encode(busyState().toSnapshot());
        bytes[15] ^= 0x40;

        assertThatThrownBy(() -> SnapshotCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void decode_unknownFormatVersion_throwsIllegalArgument() {
        byte[] bytes = SnapshotCodec.encode(busyState().toSnapshot());
        bytes[11] = 9;

        assertThatThrownBy(() -> SnapshotCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format");
    }

    @Test
    void decode_wrongMagicOrTruncated_throwsIllegalArgument() {
        byte[] bytes = SnapshotCodec.encode(busyState().toSnapshot());
        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] = 'X';

        assertThatThrownBy(() -> SnapshotCodec.decode(wrongMagic)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnapshotCodec.decode(Arrays.copyOf(bytes, 10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnapshotCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SnapshotCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
