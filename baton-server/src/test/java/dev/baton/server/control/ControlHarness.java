package dev.baton.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.ErrorInfo;
import dev.baton.api.HeartbeatResponse;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.ReportResults;
import dev.baton.core.state.Agent;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import dev.baton.server.state.StateStore;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One leader's {@link Control} over an in-memory log, a manual executor and a fake clock, with helpers that run
 * the loop until it settles. Everything runs on the test thread, which plays the control thread.
 */
final class ControlHarness {
    /** Lease longer than the agent timeout, so a silent agent is caught before its leases run out. */
    static final ControlSettings SETTINGS = new ControlSettings(1_000, 10_000, 30_000, 60_000, 3_600_000, 20_000);
    static final String CAPABILITY = "echo";
    static final long START_MS = 1_700_000_000_000L;

    final StateStore store = new StateStore();
    final InMemoryCommandLog log;
    final ManualExecutor loop = new ManualExecutor();
    final FakeClock clock = new FakeClock(START_MS);
    final Control control;

    /** A leader whose log commits each proposal at once (but whose loop still runs only when told). */
    ControlHarness() {
        this(true);
    }

    ControlHarness(boolean commitAtOnce) {
        log = commitAtOnce ? InMemoryCommandLog.immediate(store) : InMemoryCommandLog.queued(store);
        control = new Control(log, store, loop, clock, SETTINGS, new Random(7));
        control.onLeadershipChange(true);
        settle();
    }

    /** Runs the loop and commits proposals until neither has work left. */
    void settle() {
        while (loop.runAll() + log.flush() > 0) {
            // keep going: a commit queues events and callbacks, a callback may propose
        }
    }

    /** Settles, then returns the future's value; fails the test if it is still pending. */
    <T> T await(CompletableFuture<T> future) {
        settle();
        assertThat(future).as("future completed after the loop settled").isDone();
        return future.join();
    }

    /** Settles, then returns why the future failed; fails the test if it did not. */
    Throwable failure(CompletableFuture<?> future) {
        settle();
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("unreachable");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /** Moves the clock and runs one tick on the loop. */
    void advance(long ms) {
        clock.advance(ms);
        loop.execute(control::tick);
        settle();
    }

    String register(String name, int maxConcurrency) {
        Outcome.AgentOutcome outcome = (Outcome.AgentOutcome) await(
                control.registerAgent(name, List.of(CAPABILITY), Map.of(), maxConcurrency));
        return outcome.agent().id();
    }

    String submit(TaskSpec spec) {
        return ((Outcome.TaskOutcome) await(control.submit(spec))).task().id();
    }

    String submit() {
        return submit(spec(TaskSpec.DEFAULT_PRIORITY));
    }

    /** Polls and expects tasks at once (the poll may wait, but work is already there). */
    List<Task> pollNow(String agentId, int max) {
        return await(control.poll(agentId, max, 1_000));
    }

    Task pollOne(String agentId) {
        List<Task> tasks = pollNow(agentId, 1);
        assertThat(tasks).hasSize(1);
        return tasks.getFirst();
    }

    HeartbeatResponse heartbeat(String agentId, TaskRef... running) {
        return await(control.heartbeat(agentId, List.of(running)));
    }

    /** Reports the attempt's result as its agent; a failure is retryable. */
    Outcome.Results report(String agentId, Task task, TaskState status) {
        ErrorInfo error = status == TaskState.FAILED ? ErrorInfo.of("BOOM", "handler failed", true) : null;
        String output = status == TaskState.SUCCEEDED ? "{\"ok\":true}" : null;
        return (Outcome.Results) await(control.report(agentId, List.of(
                new ReportResults.Report(task.id(), task.attempt(), status, output, error, 0))));
    }

    /** Keeps the agent alive without vouching for any attempt, for {@code ms} in steps of one heartbeat interval. */
    void stayAliveFor(String agentId, long ms) {
        for (long waited = 0; waited < ms; waited += SETTINGS.heartbeatIntervalMs()) {
            advance(Math.min(SETTINGS.heartbeatIntervalMs(), ms - waited));
            heartbeat(agentId);
        }
    }

    Task task(String taskId) {
        return store.read(s -> s.taskById(taskId).orElseThrow());
    }

    Agent agent(String agentId) {
        return store.read(s -> s.agentById(agentId).orElse(null));
    }

    static TaskRef ref(Task task) {
        return new TaskRef(task.id(), task.attempt());
    }

    static TaskSpec spec(int priority) {
        return spec(priority, RetryPolicy.DEFAULT, Timeouts.NONE);
    }

    static TaskSpec spec(RetryPolicy retry, Timeouts timeouts) {
        return spec(TaskSpec.DEFAULT_PRIORITY, retry, timeouts);
    }

    static TaskSpec spec(int priority, RetryPolicy retry, Timeouts timeouts) {
        return new TaskSpec(CAPABILITY, "{}", priority, null, null, Map.of(), retry, timeouts);
    }
}
