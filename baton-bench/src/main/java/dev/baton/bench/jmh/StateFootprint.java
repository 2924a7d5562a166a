package dev.baton.bench.jmh;

import dev.baton.api.RetryPolicy;
import dev.baton.api.Strategy;
import dev.baton.api.Timeouts;
import dev.baton.core.codec.CommandCodec;
import dev.baton.core.command.Command;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.SubmitTasks;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.TaskSpec;
import dev.baton.server.control.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Heap the replicated state alone needs per queued task, without Raft, HTTP or the rest of a node: applies
 * {@code count} submissions shaped like {@code bench --memory}'s (capability {@code bench.memory}, input
 * {@code {"i":N}}, the server's defaults, its task ids), each batch of 1,000 one {@code SubmitTasks} encoded and
 * decoded as a log entry is, and prints the heap growth after full GCs divided by the tasks. Run with
 * {@code java -cp baton-bench/target/baton-bench.jar dev.baton.bench.jmh.StateFootprint 1000000}.
 */
public final class StateFootprint {
    private static final long NOW = 1_764_590_400_000L;

    private StateFootprint() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long before = heapAfterGc();
        BatonState state = new BatonState();
        for (int from = 0; from < count; from += 1_000) {
            long nowMs = NOW + from / 100;
            List<SubmitTask> batch = new ArrayList<>(1_000);
            for (int i = from; i < Math.min(count, from + 1_000); i++) {
                batch.add(new SubmitTask(Ids.task(nowMs), spec(i), nowMs));
            }
            List<Command> entry = List.of(new SubmitTasks(batch, nowMs)); // one batch submit, as the server proposes it
            CommandCodec.decode(CommandCodec.encode(entry)).forEach(c -> state.apply(c, e -> { }));
        }
        long after = heapAfterGc();
        System.out.printf("%d queued tasks: %.1f bytes per queued task (state only, input {\"i\":N} included)%n",
                state.taskCount(), (after - before) / (double) state.taskCount());
    }

    /** The spec the server builds for {@code {"capability":"bench.memory","input":{"i":N}}}. */
    private static TaskSpec spec(int i) {
        return new TaskSpec("bench.memory", "{\"i\":" + i + "}", TaskSpec.DEFAULT_PRIORITY, null,
                TaskSpec.DEFAULT_TENANT, Map.of(), RetryPolicy.DEFAULT.withDefaults(), Timeouts.NONE, Map.of(), null,
                Strategy.SINGLE_AGENT, null);
    }

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
