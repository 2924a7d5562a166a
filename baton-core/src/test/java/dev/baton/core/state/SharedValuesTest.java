package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.RetryPolicy;
import dev.baton.core.codec.CommandCodec;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.Command;
import dev.baton.core.command.SubmitTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tasks decoded from the log or a snapshot share the values they have in common. */
class SharedValuesTest {
    private static final long NOW = 1_700_000_000_000L;

    private static TaskSpec spec(String input) {
        return new TaskSpec("summarize", input, 3, null, "acme", Map.of("region", "eu"),
                new RetryPolicy(5, 10, 1.5, 100, List.of("E1")), null, Map.of("gpu", "yes"), "round_robin", null,
                null);
    }

    private static BatonState stateWithTwoDecodedTasks() {
        BatonState state = new BatonState();
        List<Command> decoded = CommandCodec.decode(CommandCodec.encode(List.of(
                new SubmitTask("t_1", spec("{\"i\":1}"), NOW), new SubmitTask("t_2", spec("{\"i\":2}"), NOW))));
        decoded.forEach(c -> state.apply(c, e -> { }));
        return state;
    }

    private static void assertShared(TaskSpec a, TaskSpec b) {
        assertThat(a.capability()).isSameAs(b.capability());
        assertThat(a.tenant()).isSameAs(b.tenant());
        assertThat(a.labels()).isSameAs(b.labels());
        assertThat(a.constraints()).isSameAs(b.constraints());
        assertThat(a.retry()).isSameAs(b.retry());
        assertThat(a.policy()).isSameAs(b.policy());
        assertThat(a.inputJson()).isNotEqualTo(b.inputJson());
    }

    @Test
    void submit_decodedSpecs_shareCommonValues() {
        BatonState state = stateWithTwoDecodedTasks();

        assertShared(state.taskById("t_1").orElseThrow().spec(), state.taskById("t_2").orElseThrow().spec());
        assertThat(state.taskById("t_1").orElseThrow().spec()).isEqualTo(spec("{\"i\":1}"));
    }

    @Test
    void fromSnapshot_decodedTasks_shareCommonValuesAndKeepTheDigest() {
        BatonState original = stateWithTwoDecodedTasks();

        BatonState restored = BatonState.fromSnapshot(SnapshotCodec.decode(SnapshotCodec.encode(original.toSnapshot())));

        assertShared(restored.taskById("t_1").orElseThrow().spec(), restored.taskById("t_2").orElseThrow().spec());
        assertThat(SnapshotCodec.digest(restored.toSnapshot())).isEqualTo(SnapshotCodec.digest(original.toSnapshot()));
    }

    @Test
    void of_tableFull_returnsNewValuesUnshared() {
        SharedValues shared = new SharedValues();
        String kept = new String("value-0");
        shared.of(kept);
        for (int i = 1; i < SharedValues.MAX_VALUES; i++) {
            shared.of("value-" + i);
        }
        String first = new String("late");
        String second = new String("late");

        assertThat(shared.of(first)).isSameAs(first);
        assertThat(shared.of(second)).isSameAs(second);
        assertThat(shared.of(new String("value-0"))).isSameAs(kept);
    }

    @Test
    void of_equalValue_returnsTheFirstInstance() {
        SharedValues shared = new SharedValues();
        String first = new String("summarize");

        shared.of(first);

        assertThat(shared.of(new String("summarize"))).isSameAs(first);
    }
}
