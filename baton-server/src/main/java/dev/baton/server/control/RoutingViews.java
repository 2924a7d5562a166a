package dev.baton.server.control;

import dev.baton.core.route.AgentScore;
import dev.baton.core.route.QueuedTask;
import dev.baton.core.state.Agent;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Task;
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

    static Map<String, AgentScore> scores(BatonState state, Agent agent) {
        return Map.of();
    }
}
