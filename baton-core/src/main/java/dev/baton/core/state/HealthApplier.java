package dev.baton.core.state;

import dev.baton.api.TaskState;
import dev.baton.core.command.RecordFeedback;
import dev.baton.core.strategy.ResultComparator;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@link AgentHealth} in step with what agents do: each accepted result and each expired attempt updates the
 * agent's {@link Score} on the capability and its {@link Breaker}; {@link RecordFeedback} adds a client's judgement.
 * Package-private, reached through {@link BatonState#apply}; deterministic (time from the command).
 */
final class HealthApplier {
    private final BatonState state;

    HealthApplier(BatonState state) {
        this.state = state;
    }

    /** An accepted result of {@code task}'s live attempt (the task as it was before the result). */
    void result(String agentId, Task task, boolean succeeded, double cost, long nowMs) {
        Attempt live = task.liveAttempt();
        long latencyMs = live == null ? 0 : nowMs - live.leasedAtMs();
        AgentHealth health = healthOf(agentId);
        String capability = task.spec().capability();
        Score score = health.score(capability).withResult(succeeded, latencyMs, cost);
        Breaker breaker = succeeded ? health.breaker().withSuccess() : health.breaker().withFailure(nowMs);
        state.health.put(agentId, health.withScore(capability, score).withBreaker(breaker));
    }

    /** The live attempt of {@code task}, held by {@code agentId}, ran out of time. */
    void expired(String agentId, Task task, long nowMs) {
        AgentHealth health = healthOf(agentId);
        String capability = task.spec().capability();
        state.health.put(agentId, health.withScore(capability, health.score(capability).withFailure())
                .withBreaker(health.breaker().withFailure(nowMs)));
    }

    Outcome feedback(RecordFeedback c) {
        Task task = state.tasks.get(c.taskId());
        if (task == null) {
            return Outcome.notFound("task", c.taskId());
        }
        if (task.state() != TaskState.SUCCEEDED) {
            return new Outcome.Rejected("conflict", "task '" + c.taskId() + "' is " + task.state().wireName()
                    + "; feedback judges a succeeded task's result");
        }
        if (state.feedback.containsKey(c.taskId())) {
            return new Outcome.Rejected("conflict", "task '" + c.taskId() + "' already has feedback "
                    + state.feedback.get(c.taskId()));
        }
        if (!(c.score() >= 0 && c.score() <= 1)) {
            return new Outcome.Rejected("invalid", "score must be between 0 and 1");
        }
        List<String> credited = producers(task);
        for (String agentId : credited) {
            AgentHealth health = healthOf(agentId);
            String capability = task.spec().capability();
            state.health.put(agentId, health.withScore(capability, health.score(capability).withFeedback(c.score())));
        }
        state.feedback.put(c.taskId(), c.score());
        return new Outcome.Done(credited.size());
    }

    /** The agents that produced a succeeded task's result: its last attempt's, or a fan-out's agreeing sources'. */
    private List<String> producers(Task task) {
        List<String> agents = new ArrayList<>();
        if (!task.spec().strategy().fansOut()) {
            Attempt last = task.attempts().isEmpty() ? null : task.attempts().getLast();
            if (last != null && state.agents.containsKey(last.agentId())) {
                agents.add(last.agentId());
            }
            return agents;
        }
        String compare = task.spec().strategy().compare();
        String winner = ResultComparator.key(compare, task.resultJson());
        for (Attempt a : task.attempts()) {
            if ("succeeded".equals(a.outcome()) && state.agents.containsKey(a.agentId())
                    && ResultComparator.key(compare, a.resultJson()).equals(winner)) {
                agents.add(a.agentId());
            }
        }
        return agents;
    }

    private AgentHealth healthOf(String agentId) {
        return state.health.getOrDefault(agentId, AgentHealth.empty(agentId));
    }
}
