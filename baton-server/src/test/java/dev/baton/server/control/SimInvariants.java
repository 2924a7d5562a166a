package dev.baton.server.control;

import dev.baton.api.ErrorInfo;
import dev.baton.api.TaskState;
import dev.baton.core.state.Agent;
import dev.baton.core.state.Attempt;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Task;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Invariants of the replicated state, checked after every simulation step. Remembers each task's terminal result
 * the first time it is seen, so a later change of it (a second result) fails even after the task is evicted.
 */
final class SimInvariants {
    private record Terminal(TaskState state, String resultJson, ErrorInfo error, long finishedAtMs) {
        static Terminal of(Task task) {
            return new Terminal(task.state(), task.resultJson(), task.error(), task.finishedAtMs());
        }
    }

    private final Map<String, Terminal> terminal = new HashMap<>();
    private final Map<String, Integer> highestAttempt = new HashMap<>();

    /** True once the task has been seen in a terminal state. */
    boolean seenTerminal(String taskId) {
        return terminal.containsKey(taskId);
    }

    void check(BatonState state) {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        for (Task task : state.allTasks()) {
            counts.merge(task.state(), 1, Integer::sum);
            checkAttempts(task);
            checkHolder(state, task);
            checkResult(task);
        }
        for (TaskState s : TaskState.values()) {
            require(counts.getOrDefault(s, 0) == state.countInState(s), () ->
                    "count of " + s + " is " + state.countInState(s) + " but " + counts.getOrDefault(s, 0)
                            + " tasks are in it");
        }
        int queued = state.queueDepths().values().stream().mapToInt(Integer::intValue).sum();
        require(queued == counts.getOrDefault(TaskState.QUEUED, 0), () ->
                "queues hold " + queued + " tasks but " + counts.getOrDefault(TaskState.QUEUED, 0) + " are queued");
        for (Agent agent : state.agents()) {
            require(agent.activeTaskIds().size() <= agent.maxConcurrency(), () ->
                    "agent " + agent.id() + " holds " + agent.activeTaskIds().size() + " tasks, over its limit of "
                            + agent.maxConcurrency());
            for (String taskId : agent.activeTaskIds()) {
                Task task = state.taskById(taskId).orElse(null);
                require(task != null && task.state().isActive() && agent.id().equals(task.agentId()), () ->
                        "agent " + agent.id() + " lists " + taskId + " as active but the task is " + task);
            }
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
        int before = highestAttempt.getOrDefault(task.id(), 0);
        require(task.attempt() >= before, () -> "task " + task.id() + " went back from attempt " + before + " to "
                + task.attempt());
        highestAttempt.put(task.id(), task.attempt());
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
            if (task.state() == TaskState.SUCCEEDED) {
                require("succeeded".equals(task.attempts().getLast().outcome()), () ->
                        "task " + task.id() + " succeeded without a successful last attempt");
            }
        } else {
            require(seen == null, () -> "task " + task.id() + " left " + seen + " for " + task.state());
        }
    }

    private static void require(boolean condition, Supplier<String> violation) {
        if (!condition) {
            throw new AssertionError("invariant violated: " + violation.get());
        }
    }
}
