package dev.baton.core.route;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict rotation per capability, whatever the load: the agent after the one chosen last time for the same
 * capability (by agent id order), skipping agents that cannot take the task now.
 */
final class RoundRobinPolicy implements RoutingPolicy {
    static final String NAME = "round_robin";
    private static final int MAX_CAPABILITIES = 10_000;
    private final Map<String, String> lastByCapability = new HashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Candidate choose(QueuedTask task, List<Candidate> candidates, Draws draws) {
        String last = lastByCapability.get(task.capability());
        Candidate chosen = null;
        Candidate first = null;
        for (Candidate c : candidates) {
            if (first == null || c.agentId().compareTo(first.agentId()) < 0) {
                first = c;
            }
            if (last != null && c.agentId().compareTo(last) > 0
                    && (chosen == null || c.agentId().compareTo(chosen.agentId()) < 0)) {
                chosen = c;
            }
        }
        chosen = chosen == null ? first : chosen;
        if (lastByCapability.size() >= MAX_CAPABILITIES && !lastByCapability.containsKey(task.capability())) {
            lastByCapability.clear(); // bounded soft state; losing cursors only restarts rotations
        }
        lastByCapability.put(task.capability(), chosen.agentId());
        return chosen;
    }
}
