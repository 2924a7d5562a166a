package dev.baton.server.control;

import dev.baton.api.ErrorInfo;
import dev.baton.api.TaskState;
import dev.baton.core.command.ReportResults;
import dev.baton.core.state.Agent;
import dev.baton.core.state.Attempt;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.StateEvent;
import dev.baton.core.state.Task;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Invariants of the replicated state, fed the reference replica's events as entries commit. {@link #check} looks at
 * what changed since the last call (cheap enough for every step); {@link #checkAll} at everything.
 *
 * <p>Remembers, across evictions: each task's terminal result the first time it is seen (a later change is a
 * second result), each task's attempts once they ended (an ended attempt never changes: no result is recorded
 * twice), and which tasks held each idempotency key (exactly once per key: a new task for a key only after the
 * previous holder was evicted).
 */
final class SimInvariants {
    private record Terminal(TaskState state, String resultJson, ErrorInfo error, long finishedAtMs) {
        static Terminal of(Task task) {
            return new Terminal(task.state(), task.resultJson(), task.error(), task.finishedAtMs());
        }
    }

    private final Map<String, Terminal> terminal = new HashMap<>();
    private final Map<String, Task> lastSeen = new HashMap<>();
    private final Map<String, String> keyHolder = new HashMap<>();
    private final Map<String, Set<String>> keyHolders = new HashMap<>();
    private final Set<String> changedTasks = new HashSet<>();
    private final Set<String> changedAgents = new HashSet<>();

    /** Records one event of the reference replica, in apply order. */
    void onEvent(StateEvent event) {
        switch (event) {
            case StateEvent.TaskChanged(Task before, Task after) -> {
                changedTasks.add(after.id());
                if (before == null && after.spec().idempotencyKey() != null) {
                    String key = key(after);
                    String holder = keyHolder.put(key, after.id());
                    require(holder == null, () -> "task " + after.id() + " created for idempotency key " + key
                            + " while " + holder + " holds it");
                    keyHolders.computeIfAbsent(key, k -> new TreeSet<>()).add(after.id());
                }
            }
            case StateEvent.TaskEvicted(Task task) -> {
                changedTasks.remove(task.id());
                lastSeen.remove(task.id());
                if (task.spec().idempotencyKey() != null) {
                    keyHolder.remove(key(task), task.id());
                }
            }
            case StateEvent.AgentChanged(Agent before, Agent after) -> {
                changedAgents.add(before != null ? before.id() : after.id());
                if (before != null) {
                    changedTasks.addAll(before.activeTaskIds());
                }
            }
            case StateEvent.ResultRejected ignored -> { }
        }
    }

    /**
     * Every result the log accepted came from the agent that ran the attempt it names. Outcomes name tasks, not
     * reports, so a task reported twice in one batch is skipped.
     */
    void resultsCommitted(ReportResults command, Outcome.Results outcome, BatonState state) {
        for (ReportResults.Report report : command.reports()) {
            if (!outcome.accepted().contains(report.taskId())
                    || command.reports().stream().filter(r -> r.taskId().equals(report.taskId())).count() > 1) {
                continue;
            }
            Attempt attempt = state.taskById(report.taskId())
                    .filter(t -> report.attempt() >= 1 && report.attempt() <= t.attempts().size())
                    .map(t -> t.attempts().get(report.attempt() - 1)).orElse(null);
            require(attempt == null || attempt.agentId().equals(command.agentId()), () -> "result of "
                    + report.taskId() + "#" + report.attempt() + " from " + command.agentId()
                    + " accepted, but the attempt is " + attempt);
        }
    }

    /** True once the task has been seen in a terminal state. */
    boolean seenTerminal(String taskId) {
        return terminal.containsKey(taskId);
    }

    /** True if {@code taskId} is, or was before an eviction, the task of the idempotency key. */
    boolean heldKey(String tenant, String idempotencyKey, String taskId) {
        return keyHolders.getOrDefault(tenant + '\u0000' + idempotencyKey, Set.of()).contains(taskId);
    }

    /** Checks the tasks and agents changed since the last check, and the state's counters. */
    void check(BatonState state) {
        for (String taskId : changedTasks) {
            state.taskById(taskId).ifPresent(task -> checkTask(state, task));
        }
        for (String agentId : changedAgents) {
            state.agentById(agentId).ifPresent(agent -> checkAgent(state, agent));
        }
        changedTasks.clear();
        changedAgents.clear();
        int total = 0;
        for (TaskState s : TaskState.values()) {
            total += state.countInState(s);
        }
        int counted = total;
        require(counted == state.taskCount(), () -> "state counts add up to " + counted + " but there are "
                + state.taskCount() + " tasks");
    }

    /** Checks every task and agent and recounts the states and queues. */
    void checkAll(BatonState state) {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        for (Task task : state.allTasks()) {
            counts.merge(task.state(), 1, Integer::sum);
            checkTask(state, task);
        }
        for (TaskState s : TaskState.values()) {
            require(counts.getOrDefault(s, 0) == state.countInState(s), () ->
                    "count of " + s + " is " + state.countInState(s) + " but " + counts.getOrDefault(s, 0)
                            + " tasks are in it");
        }
        int queued = state.queueDepths().values().stream().mapToInt(Integer::intValue).sum();
        long dispatchable = state.allTasks().stream()
                .filter(t -> t.state() == TaskState.QUEUED && !t.spec().strategy().fansOut()).count();
        require(queued == dispatchable, () ->
                "queues hold " + queued + " tasks but " + dispatchable + " are queued (fan-out parents aside)");
        checkTenants(state);
        state.agents().forEach(agent -> checkAgent(state, agent));
        changedTasks.clear();
        changedAgents.clear();
    }

    /** Each tenant's queued and in-flight counts match its tasks, and it never holds more than its limit. */
    private static void checkTenants(BatonState state) {
        Map<String, int[]> recount = new java.util.HashMap<>();
        for (Task task : state.allTasks()) {
            if (task.spec().strategy().fansOut()) {
                continue; // a fan-out parent holds no agent; its sources count
            }
            int[] c = recount.computeIfAbsent(task.spec().tenant(), t -> new int[2]);
            if (task.state() == TaskState.QUEUED) {
                c[0]++;
            } else if (task.state() == TaskState.LEASED || task.state() == TaskState.RUNNING) {
                c[1]++;
            }
        }
        recount.forEach((tenant, c) -> {
            require(state.tenantQueued(tenant) == c[0], () -> "tenant " + tenant + " counts "
                    + state.tenantQueued(tenant) + " queued but has " + c[0]);
            require(state.tenantInFlight(tenant) == c[1], () -> "tenant " + tenant + " counts "
                    + state.tenantInFlight(tenant) + " in flight but has " + c[1]);
            require(c[1] <= ControlSimulation.MAX_IN_FLIGHT_PER_TENANT, () -> "tenant " + tenant + " has " + c[1]
                    + " tasks in flight, over its limit of " + ControlSimulation.MAX_IN_FLIGHT_PER_TENANT);
        });
    }

    private void checkTask(BatonState state, Task task) {
        if (task.spec().strategy().fansOut()) {
            SimFanOutInvariants.check(state, task);
        } else {
            checkAttempts(task);
            checkHolder(state, task);
        }
        checkResult(task);
        lastSeen.put(task.id(), task);
    }

    private static void checkAgent(BatonState state, Agent agent) {
        require(agent.activeTaskIds().size() <= agent.maxConcurrency(), () ->
                "agent " + agent.id() + " holds " + agent.activeTaskIds().size() + " tasks, over its limit of "
                        + agent.maxConcurrency());
        for (String taskId : agent.activeTaskIds()) {
            Task task = state.taskById(taskId).orElse(null);
            require(task != null && task.state().isActive() && agent.id().equals(task.agentId()), () ->
                    "agent " + agent.id() + " lists " + taskId + " as active but the task is " + task);
        }
    }

    private void checkAttempts(Task task) {
        require(task.attempts().size() == task.attempt(), () ->
                "task " + task.id() + " is at attempt " + task.attempt() + " with " + task.attempts().size()
                        + " attempt records");
        int succeeded = 0;
        for (int i = 0; i < task.attempts().size(); i++) {
            Attempt attempt = task.attempts().get(i);
            int expected = i + 1;
            require(attempt.number() == expected, () -> "task " + task.id() + " attempt records out of order: " + task);
            boolean live = task.state().isActive() && i == task.attempts().size() - 1;
            require(live == (attempt.outcome() == null), () ->
                    "task " + task.id() + " attempt " + attempt.number() + " outcome " + attempt.outcome()
                            + " while the task is " + task.state());
            succeeded += "succeeded".equals(attempt.outcome()) ? 1 : 0;
        }
        int successes = succeeded;
        require(successes <= 1, () -> "task " + task.id() + " recorded " + successes + " successful attempts");
        Task before = lastSeen.get(task.id());
        if (before == null) {
            return;
        }
        require(task.attempt() >= before.attempt(), () -> "task " + task.id() + " went back from attempt "
                + before.attempt() + " to " + task.attempt());
        for (int i = 0; i < before.attempts().size(); i++) {
            Attempt then = before.attempts().get(i);
            Attempt now = task.attempts().get(i);
            require(then.outcome() == null || then.equals(now), () -> "task " + task.id() + " attempt "
                    + then.number() + " ended as " + then + ", later recorded as " + now);
        }
    }

    private static void checkHolder(BatonState state, Task task) {
        if (!task.state().isActive()) {
            require(task.agentId() == null, () -> "task " + task.id() + " is " + task.state() + " but held by "
                    + task.agentId());
            return;
        }
        Agent holder = state.agentById(Objects.requireNonNullElse(task.agentId(), "")).orElse(null);
        require(holder != null, () -> "task " + task.id() + " is " + task.state() + " by agent " + task.agentId()
                + ", which does not exist");
        require(holder.activeTaskIds().contains(task.id()), () ->
                "task " + task.id() + " is held by " + holder.id() + " but missing from its active tasks");
        require(task.liveAttempt().agentId().equals(holder.id()), () ->
                "task " + task.id() + " live attempt belongs to " + task.liveAttempt().agentId() + ", not "
                        + holder.id());
    }

    private void checkResult(Task task) {
        Terminal seen = terminal.get(task.id());
        if (task.state().isTerminal()) {
            Terminal now = Terminal.of(task);
            if (seen == null) {
                terminal.put(task.id(), now);
            } else {
                require(seen.equals(now), () -> "task " + task.id() + " finished twice: " + seen + ", then " + now);
            }
            if (task.state() == TaskState.SUCCEEDED && !task.spec().strategy().fansOut()) {
                require("succeeded".equals(task.attempts().getLast().outcome()), () ->
                        "task " + task.id() + " succeeded without a successful last attempt");
            }
        } else {
            require(seen == null, () -> "task " + task.id() + " left " + seen + " for " + task.state());
        }
    }

    private static String key(Task task) {
        return task.spec().tenant() + '\u0000' + task.spec().idempotencyKey();
    }

    static void require(boolean condition, Supplier<String> violation) {
        if (!condition) {
            throw new AssertionError("invariant violated: " + violation.get());
        }
    }
}
