package dev.baton.core.route;

import java.util.Set;

/** An agent ready to take work now: what it offers and how busy it is. */
public record AgentSlot(String agentId, Set<String> capabilities, int active, int maxConcurrency, int wanted) {

    /** Fraction of the agent's slots in use; the least-loaded policy prefers the lowest. */
    public double load() {
        return maxConcurrency == 0 ? 1.0 : (double) active / maxConcurrency;
    }

    /** How many more tasks this agent can take in this round. */
    public int capacity() {
        return Math.min(wanted, Math.max(0, maxConcurrency - active));
    }
}
