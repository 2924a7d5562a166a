package dev.baton.core.route;

import dev.baton.api.AgentTier;
import java.util.Map;
import java.util.Set;

/**
 * An agent ready to take work now: what it offers, its labels, how busy it is and how it has done.
 *
 * @param wanted how many tasks its open poll asked for
 * @param scores observed results per capability (absent: none yet)
 * @param tier {@code standard} or {@code premium} (null reads as standard)
 * @param tenant the only tenant whose tasks it may take (its API key's tenant), or null for any tenant
 */
public record AgentSlot(String agentId, Set<String> capabilities, int active, int maxConcurrency, int wanted,
                        Map<String, String> labels, Map<String, AgentScore> scores, AgentTier tier, String tenant) {

    public AgentSlot {
        labels = labels == null ? Map.of() : labels;
        scores = scores == null ? Map.of() : scores;
        tier = tier == null ? AgentTier.STANDARD : tier;
    }

    public AgentSlot(String agentId, Set<String> capabilities, int active, int maxConcurrency, int wanted,
                     Map<String, String> labels, Map<String, AgentScore> scores, AgentTier tier) {
        this(agentId, capabilities, active, maxConcurrency, wanted, labels, scores, tier, null);
    }

    public AgentSlot(String agentId, Set<String> capabilities, int active, int maxConcurrency, int wanted,
                     Map<String, String> labels, Map<String, AgentScore> scores) {
        this(agentId, capabilities, active, maxConcurrency, wanted, labels, scores, AgentTier.STANDARD);
    }

    public AgentSlot(String agentId, Set<String> capabilities, int active, int maxConcurrency, int wanted) {
        this(agentId, capabilities, active, maxConcurrency, wanted, Map.of(), Map.of());
    }

    /** True if it may take a task of {@code taskTenant}. */
    public boolean serves(String taskTenant) {
        return tenant == null || tenant.equals(taskTenant);
    }

    /** How many more tasks this agent can take in this round. */
    public int capacity() {
        return Math.min(wanted, Math.max(0, maxConcurrency - active));
    }

    AgentScore score(String capability) {
        return scores.getOrDefault(capability, AgentScore.NONE);
    }
}
