package dev.baton.bench.jmh;

import dev.baton.api.RetryPolicy;
import dev.baton.api.Strategy;
import dev.baton.api.Timeouts;
import dev.baton.core.codec.CommandCodec;
import dev.baton.core.command.Command;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Heap the replicated state alone needs per queued task, without Raft, HTTP or the rest of a node: applies
 * {@code count} submissions shaped like {@code bench --memory}'s (capability {@code bench.memory}, input
 * {@code {"i":N}}, the server's defaults, 24-character ids), each batch of 1,000 encoded and decoded as a log entry
 * is, and prints the heap growth after full GCs divided by the tasks. Run with
 * {@code java -cp baton-bench/target/baton-bench.jar dev.baton.bench.jmh.StateFootprint 1000000}.
 */
public final class StateFootprint {
    private static final long NOW = 1_764_590_400_000L;
    private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private StateFootprint() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long before = heapAfterGc();
        BatonState state = new BatonState();
        SplittableRandom random = new SplittableRandom(42);
        for (int from = 0; from < count; from += 1_000) {
            List<Command> batch = new ArrayList<>(1_000);
            for (int i = from; i < Math.min(count, from + 1_000); i++) {
                batch.add(new SubmitTask(id(NOW + i / 100, random), spec(i), NOW + i / 100));
            }
            CommandCodec.decode(CommandCodec.encode(batch)).forEach(c -> state.apply(c, e -> { }));
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

    /** An id shaped like the server's: {@code t_}, 10 characters of time, 12 random ones. */
    private static String id(long nowMs, SplittableRandom random) {
        char[] out = new char[22];
        long time = nowMs;
        for (int i = 9; i >= 0; i--) {
            out[i] = BASE32[(int) (time & 31)];
            time >>>= 5;
        }
        long bits = random.nextLong();
        for (int i = 10; i < 22; i++) {
            out[i] = BASE32[(int) (bits & 31)];
            bits >>>= 5;
        }
        return "t_" + new String(out);
    }

    private static long heapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
