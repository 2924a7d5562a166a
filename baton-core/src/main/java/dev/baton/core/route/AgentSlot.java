package dev.baton.core.route;

import java.util.Set;

/** An agent ready to take work now: what it offers and how busy it is. */
public record AgentSlot(String agentId, Set<String> capabilities, int active, int maxConcurrency, int wanted) {

    /** How many more tasks this agent can take in this round. */
    public int capacity() {
        return Math.min(wanted, Math.max(0, maxConcurrency - active));
    }
}
