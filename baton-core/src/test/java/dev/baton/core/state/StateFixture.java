package dev.baton.core.state;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorInfo;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.Command;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.SetAgentState;
import dev.baton.core.command.StartTasks;
import dev.baton.core.command.SubmitTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link BatonState} driven only through {@link BatonState#apply}, recording the events it emits. */
final class StateFixture {
    static final long T0 = 1_000_000L;

    final BatonState state = new BatonState();
    final List<StateEvent> events = new ArrayList<>();

    Outcome apply(Command command) {
        return state.apply(command, events::add);
    }

    /** Applies {@code command} and returns only the events it emitted. */
    List<StateEvent> eventsOf(Command command) {
        int from = events.size();
        apply(command);
        return List.copyOf(events.subList(from, events.size()));
    }

    Task task(String id) {
        return state.taskById(id).orElseThrow(() -> new AssertionError("no task " + id));
    }

    Agent agent(String id) {
        return state.agentById(id).orElseThrow(() -> new AssertionError("no agent " + id));
    }

    Agent registerAgent(String id, int maxConcurrency, String... capabilities) {
        Outcome outcome = apply(
                new RegisterAgent(id, "agent " + id, List.of(capabilities), Map.of(), maxConcurrency, T0));
        return ((Outcome.AgentOutcome) outcome).agent();
    }

    Task submit(String id, TaskSpec spec, long nowMs) {
        return ((Outcome.TaskOutcome) apply(new SubmitTask(id, spec, nowMs))).task();
    }

    Task submit(String id, String capability) {
        return submit(id, spec(capability), T0);
    }

    Outcome.Leased lease(String agentId, long nowMs, String... taskIds) {
        Outcome outcome = apply(new LeaseTasks(agentId, List.of(taskIds), nowMs));
        if (!(outcome instanceof Outcome.Leased leased)) {
            throw new AssertionError("lease rejected: " + outcome);
        }
        return leased;
    }

    Outcome start(String agentId, String taskId, int attempt, long nowMs) {
        return apply(new StartTasks(agentId, List.of(new TaskRef(taskId, attempt)), nowMs));
    }

    Outcome.Results succeed(String agentId, String taskId, int attempt, String outputJson, long nowMs) {
        return report(agentId, new ReportResults.Report(taskId, attempt, TaskState.SUCCEEDED, outputJson, null, 0),
                nowMs);
    }

    Outcome.Results fail(String agentId, String taskId, int attempt, ErrorInfo error, long retryDelayMs, long nowMs) {
        return report(agentId, new ReportResults.Report(taskId, attempt, TaskState.FAILED, null, error, retryDelayMs),
                nowMs);
    }

    Outcome.Results report(String agentId, ReportResults.Report report, long nowMs) {
        return (Outcome.Results) apply(new ReportResults(agentId, List.of(report), nowMs));
    }

    Outcome setAgentState(String agentId, AgentState next, long nowMs) {
        return apply(new SetAgentState(agentId, next, null, nowMs));
    }

    static TaskSpec spec(String capability) {
        return new TaskSpec(capability, "{}", TaskSpec.DEFAULT_PRIORITY, null, null, null, retry(3), null);
    }

    static TaskSpec spec(String capability, int priority) {
        return new TaskSpec(capability, "{}", priority, null, null, null, retry(3), null);
    }

    static TaskSpec spec(String capability, RetryPolicy retry, Timeouts timeouts) {
        return new TaskSpec(capability, "{}", TaskSpec.DEFAULT_PRIORITY, null, null, null, retry, timeouts);
    }

    static TaskSpec keyed(String capability, String tenant, String idempotencyKey) {
        return new TaskSpec(capability, "{}", TaskSpec.DEFAULT_PRIORITY, idempotencyKey, tenant, null, retry(3), null);
    }

    static RetryPolicy retry(int maxAttempts, String... nonRetryableCodes) {
        return new RetryPolicy(maxAttempts, 1_000, 2.0, 60_000, List.of(nonRetryableCodes));
    }

    static ErrorInfo retryable(String code) {
        return ErrorInfo.of(code, code + " happened", true);
    }

    @SuppressWarnings("unchecked")
    static <E extends StateEvent> List<E> only(List<StateEvent> events, Class<E> type) {
        return (List<E>) events.stream().filter(type::isInstance).toList();
    }
}
