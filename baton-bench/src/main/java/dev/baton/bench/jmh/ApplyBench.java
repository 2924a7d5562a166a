package dev.baton.bench.jmh;

import dev.baton.core.command.Command;
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
 * Applying batches: one operation applies the whole life of {@code batch} tasks as the log carries it — a batch of
 * submissions, one lease of all of them to an agent, one report of all their results. The state starts empty each
 * iteration and keeps the finished tasks (as it does during the retention window).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ApplyBench {
    @Param({"256"})
    int batch;

    BatonState state;
    long next;

    @Setup(Level.Iteration)
    public void setUp() {
        state = new BatonState();
        state.apply(Fixtures.agent(0, 100_000), e -> { });
        next = 0;
    }

    @Benchmark
    public List<Outcome> submitLeaseReport() {
        List<Outcome> outcomes = new ArrayList<>(batch + 2);
        List<Command> submits = Fixtures.submits(next, batch);
        for (Command c : submits) {
            outcomes.add(state.apply(c, e -> { }));
        }
        outcomes.add(state.apply(Fixtures.lease("a_0", next, batch), e -> { }));
        outcomes.add(state.apply(Fixtures.results("a_0", next, batch), e -> { }));
        next += batch;
        return outcomes;
    }
}
