package dev.baton.bench.jmh;

import dev.baton.api.TaskState;
import dev.baton.core.command.Command;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Commands shaped like the bench's no-op tasks, for the JMH benchmarks. Stateless. */
final class Fixtures {
    static final long NOW = 1_764_590_400_000L;
    static final String CAPABILITY = "bench.noop";

    private Fixtures() {}

    static TaskSpec spec(long i) {
        return new TaskSpec(CAPABILITY, "{\"t\":" + (123_456_789_000L + i) + "}", TaskSpec.DEFAULT_PRIORITY,
                "idem-" + i, null, Map.of(), null, null);
    }

    static SubmitTask submit(long i) {
        return new SubmitTask(String.format("t_%012d", i), spec(i), NOW + i);
    }

    static List<Command> submits(long from, int count) {
        List<Command> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(submit(from + i));
        }
        return batch;
    }

    static RegisterAgent agent(int i, int maxConcurrency) {
        return new RegisterAgent("a_" + i, "agent-" + i, List.of(CAPABILITY), Map.of(), maxConcurrency, NOW);
    }

    static LeaseTasks lease(String agentId, long from, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(String.format("t_%012d", from + i));
        }
        return new LeaseTasks(agentId, ids, NOW);
    }

    static ReportResults results(String agentId, long from, int count) {
        List<ReportResults.Report> reports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            reports.add(new ReportResults.Report(String.format("t_%012d", from + i), 1, TaskState.SUCCEEDED, "null",
                    null, 0));
        }
        return new ReportResults(agentId, reports, NOW);
    }

    /** A state holding {@code tasks} queued tasks and one agent. */
    static BatonState queued(int tasks) {
        BatonState state = new BatonState();
        state.apply(agent(0, 256), e -> { });
        for (int i = 0; i < tasks; i++) {
            state.apply(submit(i), e -> { });
        }
        return state;
    }
}
