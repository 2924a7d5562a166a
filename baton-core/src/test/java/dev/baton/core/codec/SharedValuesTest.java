package dev.baton.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.RetryPolicy;
import dev.baton.api.Strategy;
import dev.baton.api.Timeouts;
import dev.baton.core.command.Command;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.state.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values many tasks have in common are held once, not once per task, after a trip through the log. */
class SharedValuesTest {
    private static final long NOW = 1_700_000_000_000L;

    private static TaskSpec spec(String input) {
        return new TaskSpec("summarize", input, TaskSpec.DEFAULT_PRIORITY, null, null, Map.of(),
                RetryPolicy.DEFAULT.withDefaults(), new Timeouts(0, 0, 0), null, null,
                new Strategy(Strategy.SINGLE, null, null, null, null), null);
    }

    private static List<TaskSpec> decodedSpecs() {
        List<Command> batch = CommandCodec.decode(CommandCodec.encode(List.of(
                new SubmitTask("t_1", spec("{\"i\":1}"), NOW), new SubmitTask("t_2", spec("{\"i\":2}"), NOW))));
        return batch.stream().map(c -> ((SubmitTask) c).spec()).toList();
    }

    @Test
    void decode_specsWithDefaults_shareTheDefaultInstances() {
        for (TaskSpec spec : decodedSpecs()) {
            assertThat(spec.retry()).isSameAs(RetryPolicy.DEFAULT);
            assertThat(spec.timeouts()).isSameAs(Timeouts.NONE);
            assertThat(spec.strategy()).isSameAs(Strategy.SINGLE_AGENT);
            assertThat(spec.tenant()).isSameAs(TaskSpec.DEFAULT_TENANT);
        }
    }

    @Test
    void decode_specWithOtherValues_keepsThem() {
        RetryPolicy retry = new RetryPolicy(5, 10, 1.5, 100, List.of("E1"));
        TaskSpec spec = new TaskSpec("summarize", "{}", 3, null, "acme", Map.of(), retry, new Timeouts(1, 2, 3),
                null, null, Strategy.race(2), null);

        TaskSpec decoded = ((SubmitTask) CommandCodec.decode(CommandCodec.encode(List.of(
                new SubmitTask("t_1", spec, NOW)))).getFirst()).spec();

        assertThat(decoded).isEqualTo(spec);
        assertThat(decoded.retry()).isNotSameAs(RetryPolicy.DEFAULT);
    }
}
