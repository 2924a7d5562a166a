package dev.baton.bench.jmh;

import dev.baton.core.route.AgentSlot;
import dev.baton.core.route.Assignment;
import dev.baton.core.route.QueuedTask;
import dev.baton.core.route.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Router selection: {@code tasks} queued tasks over 10 capabilities routed among {@code agents} waiting agents, each
 * offering 2 of the capabilities with a different load (the default least-loaded policy).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBench {
    @Param({"10000"})
    int agents;

    @Param({"1", "256"})
    int tasks;

    List<AgentSlot> slots;
    List<QueuedTask> queued;
    Router router;

    @Setup
    public void setUp() {
        slots = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            slots.add(new AgentSlot("a_" + i, Set.of("cap-" + (i % 10), "cap-" + ((i + 3) % 10)), i % 7, 16, 4));
        }
        queued = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            queued.add(new QueuedTask("t_" + i, "cap-" + (i % 10)));
        }
        router = new Router();
    }

    @Benchmark
    public List<Assignment> assign() {
        return router.assign(queued, slots);
    }
}
