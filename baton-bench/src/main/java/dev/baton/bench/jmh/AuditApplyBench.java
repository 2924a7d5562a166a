package dev.baton.bench.jmh;

import dev.baton.api.Role;
import dev.baton.core.codec.CommandCodec;
import dev.baton.core.command.Command;
import dev.baton.core.command.RequestStamp;
import dev.baton.core.command.Requested;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the audit trail costs apply and the log: a batch of {@code batch} submissions applied bare, or each wrapped
 * in {@link Requested} as an API request proposes it (apply then appends a hash-chained audit entry per command).
 * {@link #encodeEntry} encodes the batch as one log entry (the bytes each form puts in the log differ by the stamp).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class AuditApplyBench {
    static final RequestStamp STAMP = new RequestStamp("k_01m82pnqjkhnvhj243zqt2", "ci", Role.SUBMITTER, "acme",
            "POST /v1/tasks", "tasks", "4b8e0c3e-3a0e-4f5c-9d35-2f1f0f1f3a51", "10.0.0.7", 10_000);

    @Param({"256"})
    int batch;

    @Param({"false", "true"})
    boolean audited;

    BatonState state;
    long next;

    @Setup(Level.Iteration)
    public void setUp() {
        state = new BatonState();
        next = 0;
    }

    private List<Command> commands() {
        List<Command> commands = new ArrayList<>(batch);
        for (Command c : Fixtures.submits(next, batch)) {
            commands.add(audited ? new Requested(STAMP.withResource("tasks/" + ((SubmitTask) c).taskId()), c,
                    c.nowMs()) : c);
        }
        next += batch;
        return commands;
    }

    @Benchmark
    public List<Outcome> applySubmits() {
        List<Outcome> outcomes = new ArrayList<>(batch);
        for (Command c : commands()) {
            outcomes.add(state.apply(c, e -> { }));
        }
        return outcomes;
    }

    @Benchmark
    public int encodeEntry() {
        return CommandCodec.encode(commands()).length;
    }
}
