package dev.baton.server.control;

import dev.baton.core.command.DeregisterAgent;
import dev.baton.core.state.Agent;
import dev.baton.server.state.StateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agents being drained (soft state): each has a deadline; once its attempts are done, or at the deadline (its
 * attempts are then retried elsewhere), the leader deregisters it. Rebuilt from the agents in {@code draining} when
 * a node becomes leader.
 *
 * <p>Threading: control loop only.
 */
final class Drains {
    private final StateStore store;
    private final Transitions transitions;
    private final Map<String, Long> deadlines = new LinkedHashMap<>();

    Drains(StateStore store, Transitions transitions) {
        this.store = store;
        this.transitions = transitions;
    }

    /** Starts (or restarts) the agent's drain, ending at {@code deadlineMs} at the latest. */
    void start(String agentId, long deadlineMs) {
        deadlines.put(agentId, deadlineMs);
    }

    /** Starts the agent's drain unless one is running (a drain proposed in an earlier term). */
    void startIfAbsent(String agentId, long deadlineMs) {
        deadlines.putIfAbsent(agentId, deadlineMs);
    }

    void forget(String agentId) {
        deadlines.remove(agentId);
    }

    void clear() {
        deadlines.clear();
    }

    /** Deregisters every draining agent whose attempts are done or whose deadline passed. */
    void finish(long nowMs) {
        for (Map.Entry<String, Long> e : List.copyOf(deadlines.entrySet())) {
            String agentId = e.getKey();
            Agent agent = store.read(s -> s.agentById(agentId).orElse(null));
            if (agent == null) { // never registered, or already removed
                deadlines.remove(agentId);
            } else if (agent.activeTaskIds().isEmpty() || nowMs >= e.getValue()) {
                transitions.propose("deregister:" + agentId, new DeregisterAgent(agentId, nowMs));
            }
        }
    }
}
