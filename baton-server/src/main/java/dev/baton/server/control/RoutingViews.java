package dev.baton.server.control;

import dev.baton.core.route.AgentScore;
import dev.baton.core.route.QueuedTask;
import dev.baton.core.state.Agent;
import dev.baton.core.state.AgentHealth;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Task;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Builds the router's read-only views of replicated state: a queued task with its constraints, policy and the
 * agents it must avoid, and an agent's observed scores. Called under the state store's read lock, on the control
 * thread.
 */
final class RoutingViews {
    private RoutingViews() {}

    static QueuedTask queued(BatonState state, Task task) {
        return new QueuedTask(task.id(), task.spec().capability(), task.spec().tenant(), task.spec().constraints(),
                task.spec().policy(), excludedAgents(state, task));
    }

    /** Agents that hold or ran another source of the same fan-out: sources go to distinct agents. */
    static Set<String> excludedAgents(BatonState state, Task task) {
        return task.spec().parentId() == null ? Set.of() : state.agentsOfSiblingSources(task);
    }

    /** The agent's observed scores per capability it offers (its declared cost until results report one). */
    static Map<String, AgentScore> scores(BatonState state, Agent agent) {
        AgentHealth health = state.healthOf(agent.id());
        Map<String, AgentScore> scores = new HashMap<>();
        for (String capability : agent.capabilities()) {
            scores.put(capability, health.score(capability).view(agent.costPerTask()));
        }
        return scores;
    }

    /**
     * How many tasks the agent may take this round as its circuit breaker allows: none while open, one probe when
     * half-open and idle ({@code active} counts leases still being committed), else {@code wanted}.
     */
    static int allowedByBreaker(BatonState state, String agentId, int active, int wanted, long nowMs) {
        return switch (state.healthOf(agentId).breaker().state(nowMs)) {
            case "open" -> 0;
            case "half_open" -> active == 0 ? Math.min(1, wanted) : 0;
            default -> wanted;
        };
    }
}
