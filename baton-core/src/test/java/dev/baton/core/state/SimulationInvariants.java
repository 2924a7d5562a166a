package dev.baton.core.state;

import dev.baton.api.AgentState;
import dev.baton.api.TaskState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Invariants of a {@link BatonState} that must hold after every command, checked through its public reads only.
 * Cross-step properties (terminal results never change, attempts never decrease) need memory, kept here between
 * calls. Checks are plain conditions that format their message only on failure: they run for every task after
 * every simulated step.
 */
final class SimulationInvariants {
    private final Map<String, Task> firstTerminal = new HashMap<>();
    private final Map<String, Integer> highestAttempt = new HashMap<>();

    void check(BatonState state, Set<String> acknowledged) {
        List<Task> tasks = List.copyOf(state.allTasks());
        Map<String, Task> byId = HashMap.newHashMap(tasks.size());
        tasks.forEach(t -> byId.put(t.id(), t));

        checkCounts(state, tasks);
        checkAgents(state, byId);
        checkQueues(state, tasks);
        checkIdempotencyIndex(state, tasks);
        for (Task task : tasks) {
            checkTask(task);
            checkHistory(task);
            require(task.seq() < state.nextSeq(), "seq of %s is below nextSeq", task.id());
        }
        for (Workflow workflow : state.allWorkflows()) {
            checkWorkflow(workflow, byId);
        }
        require(byId.keySet().equals(acknowledged),
                "acknowledged tasks (created, not evicted) %s are exactly the stored ones %s", acknowledged,
                byId.keySet());
        firstTerminal.keySet().retainAll(byId.keySet());
        highestAttempt.keySet().retainAll(byId.keySet());
    }

    private static void checkCounts(BatonState state, List<Task> tasks) {
        Map<TaskState, Integer> recount = new EnumMap<>(TaskState.class);
        tasks.forEach(t -> recount.merge(t.state(), 1, Integer::sum));
        for (TaskState s : TaskState.values()) {
            require(state.countInState(s) == recount.getOrDefault(s, 0), "countInState(%s) is %d, recount %d", s,
                    state.countInState(s), recount.getOrDefault(s, 0));
        }
        require(state.taskCount() == tasks.size(), "taskCount %d vs %d tasks", state.taskCount(), tasks.size());
    }

    private static void checkAgents(BatonState state, Map<String, Task> byId) {
        Set<String> held = new HashSet<>();
        for (Agent agent : state.agents()) {
            List<String> ids = agent.activeTaskIds();
            require(ids.size() <= agent.maxConcurrency(), "%s holds %s, more than its max %d", agent.id(), ids,
                    agent.maxConcurrency());
            require(agent.state() != AgentState.DOWN || ids.isEmpty(), "down agent %s holds %s", agent.id(), ids);
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                require(i == 0 || ids.get(i - 1).compareTo(id) < 0, "active tasks of %s sorted, distinct: %s",
                        agent.id(), ids);
                Task task = byId.get(id);
                require(task != null, "task %s held by %s exists", id, agent.id());
                require(task.state().isActive(), "task %s held by %s is %s", id, agent.id(), task.state());
                require(agent.id().equals(task.agentId()), "task %s held by %s names agent %s", id, agent.id(),
                        task.agentId());
                require(held.add(id), "task %s held by two agents", id);
            }
        }
        for (Task task : byId.values()) {
            if (task.state().isActive()) {
                Agent agent = task.agentId() == null ? null : state.agentById(task.agentId()).orElse(null);
                require(agent != null, "agent %s of active %s exists", task.agentId(), task.id());
                require(agent.activeTaskIds().contains(task.id()), "agent %s lists its active %s", agent.id(),
                        task.id());
            } else {
                require(task.agentId() == null, "inactive %s (%s) names agent %s", task.id(), task.state(),
                        task.agentId());
            }
        }
    }

    private static void checkQueues(BatonState state, List<Task> tasks) {
        List<Task> queued = new ArrayList<>(tasks.stream().filter(t -> t.state() == TaskState.QUEUED).toList());
        Map<String, Integer> depths = new TreeMap<>();
        queued.forEach(t -> depths.merge(t.spec().capability(), 1, Integer::sum));
        require(new TreeMap<>(state.queueDepths()).equals(depths), "queue depths %s, recount %s",
                state.queueDepths(), depths);
        depths.forEach((capability, n) -> require(state.queueDepth(capability) == n, "queueDepth(%s)", capability));
        require(depths.values().stream().mapToInt(Integer::intValue).sum() == state.countInState(TaskState.QUEUED),
                "queue depths sum to the queued count");

        queued.sort(Comparator.comparingInt((Task t) -> -t.spec().priority()).thenComparingLong(Task::seq));
        List<String> expected = queued.stream().map(Task::id).toList();
        List<String> actual = state.queuedTaskIds(depths.keySet(), Integer.MAX_VALUE, id -> true);
        require(actual.equals(expected), "queued tasks in dispatch order: %s, expected %s", actual, expected);
    }

    private static void checkIdempotencyIndex(BatonState state, List<Task> tasks) {
        Set<String> keys = new HashSet<>();
        for (Task task : tasks) {
            String key = task.spec().idempotencyKey();
            if (key != null) {
                require(keys.add(task.spec().tenant() + "/" + key), "two tasks hold key %s/%s", task.spec().tenant(),
                        key);
                require(state.taskIdByIdempotencyKey(task.spec().tenant(), key).orElse("").equals(task.id()),
                        "key %s/%s finds %s", task.spec().tenant(), key, task.id());
            }
        }
    }

    private static void checkTask(Task task) {
        List<Attempt> attempts = task.attempts();
        require(task.attempt() == attempts.size(), "attempt %d of %s vs %d recorded", task.attempt(), task.id(),
                attempts.size());
        require(task.attemptsCountedForRetry() <= task.spec().retry().maxAttempts(),
                "%s ran more attempts than its policy allows", task.id());
        require(task.inputs().size() <= InputRound.MAX_ROUNDS, "%s asked more than %d questions", task.id(),
                InputRound.MAX_ROUNDS);
        require((task.state() == TaskState.AWAITING_INPUT) == (task.pendingInput() != null
                && !task.pendingInput().answered()), "%s is %s with pending question %s", task.id(), task.state(),
                task.pendingInput());
        for (InputRound round : task.inputs()) {
            boolean last = round == task.inputs().getLast();
            require(round.answered() || (last && task.state() != TaskState.QUEUED && !task.state().isActive()),
                    "%s moved on from unanswered question %d", task.id(), round.round());
        }
        int successes = 0;
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            require(a.number() == i + 1, "attempt numbering of %s: %s", task.id(), attempts);
            if (task.state().isActive() && i == attempts.size() - 1) {
                require(a.outcome() == null, "live attempt of %s is open", task.id());
                require(Objects.equals(a.agentId(), task.agentId()), "live attempt of %s is the holder's", task.id());
            } else {
                require(a.outcome() != null, "attempt %d of %s is closed", a.number(), task.id());
            }
            if ("succeeded".equals(a.outcome())) {
                successes++;
            }
        }
        require(successes <= 1, "%s records %d successful attempts", task.id(), successes);
        if (task.state() == TaskState.SUCCEEDED) {
            require(successes == 1 && "succeeded".equals(attempts.getLast().outcome()),
                    "succeeded %s ends with its one successful attempt", task.id());
            require(task.error() == null, "succeeded %s has no error", task.id());
        } else {
            require(successes == 0, "%s is %s but has a successful attempt", task.id(), task.state());
            require(task.resultJson() == null, "%s is %s but has a result", task.id(), task.state());
        }
        require(task.finishedAtMs() > 0 == task.state().isTerminal(), "finishedAtMs %d of %s in %s",
                task.finishedAtMs(), task.id(), task.state());
        if (task.state() == TaskState.FAILED || task.state() == TaskState.TIMED_OUT
                || task.state() == TaskState.CANCELLED) {
            require(task.error() != null, "%s %s says why", task.state(), task.id());
        }
    }

    /** Steps agree with their tasks; a workflow is finished exactly when every step is. */
    private static void checkWorkflow(Workflow w, Map<String, Task> byId) {
        boolean allDone = w.steps().stream().allMatch(s -> s.state().isTerminal());
        require(w.state().isTerminal() == allDone, "workflow %s is %s with steps %s", w.id(), w.state(), w.steps());
        for (Workflow.Step step : w.steps()) {
            Task task = byId.get(Workflow.stepTaskId(w.id(), step.id()));
            switch (step.state()) {
                case PENDING -> require(task == null && step.taskId() == null, "pending step %s of %s has task %s",
                        step.id(), w.id(), task);
                case STARTED -> require(task != null && !task.state().isTerminal(),
                        "started step %s of %s has task %s", step.id(), w.id(), task);
                case SUCCEEDED -> require(task == null || (task.state() == TaskState.SUCCEEDED
                        && Objects.equals(task.resultJson(), step.outputJson())),
                        "succeeded step %s of %s has task %s", step.id(), w.id(), task);
                case FAILED, CANCELLED, TIMED_OUT, SKIPPED -> require(task == null || task.state().isTerminal(),
                        "finished step %s of %s has live task %s",
                        step.id(), w.id(), task);
            }
        }
    }

    private void checkHistory(Task task) {
        Integer before = highestAttempt.put(task.id(), task.attempt());
        require(before == null || task.attempt() >= before, "attempt of %s went from %s to %d", task.id(), before,
                task.attempt());
        if (task.state().isTerminal()) {
            Task first = firstTerminal.putIfAbsent(task.id(), task);
            require(first == null || first == task || terminalFacts(task).equals(terminalFacts(first)),
                    "terminal %s changed its result: was %s, now %s", task.id(), first, task);
        } else {
            require(!firstTerminal.containsKey(task.id()), "terminal %s came back as %s", task.id(), task.state());
        }
    }

    private static List<Object> terminalFacts(Task t) {
        return Arrays.asList(t.state(), t.resultJson(), t.error(), t.attempt(), t.attempts(), t.finishedAtMs(),
                t.agentId());
    }

    static void require(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new AssertionError("invariant broken: " + format.formatted(args));
        }
    }
}
