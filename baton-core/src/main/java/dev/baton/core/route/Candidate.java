package dev.baton.core.route;

import dev.baton.api.AgentTier;
import java.util.Map;

/**
 * An agent that may take one task now, as a routing policy sees it: it offers the task's capability, matches its
 * constraints, is healthy (breaker closed or probing) and has a free slot in this round. Read-only.
 *
 * @param active tasks it holds plus those already planned for it in this round
 * @param score what the cluster has observed of this agent on the task's capability ({@link AgentScore#NONE} if
 *     nothing)
 * @param tier {@code standard} or {@code premium} (null reads as standard)
 */
public record Candidate(String agentId, Map<String, String> labels, int active, int maxConcurrency,
                        AgentScore score, AgentTier tier) {

    public Candidate {
        tier = tier == null ? AgentTier.STANDARD : tier;
    }

    /** A standard-tier candidate. */
    public Candidate(String agentId, Map<String, String> labels, int active, int maxConcurrency, AgentScore score) {
        this(agentId, labels, active, maxConcurrency, score, AgentTier.STANDARD);
    }

    /** Busy share of its slots, 1.0 when it has none. */
    public double load() {
        return maxConcurrency == 0 ? 1.0 : (double) active / maxConcurrency;
    }
}
