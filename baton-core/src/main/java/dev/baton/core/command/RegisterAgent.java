package dev.baton.core.command;

import dev.baton.api.AgentTier;
import java.util.List;
import java.util.Map;

/**
 * Adds an agent in state {@code ready}, or re-registers an existing id with new attributes.
 *
 * @param costPerTask cost units charged per attempt whose result reports no cost (validated by the leader)
 * @param tier null reads as {@code standard} (entries written before tiers existed)
 * @param tenant the tenant of the principal that registered it: it takes only that tenant's tasks; null (an
 *               untenanted principal, or entries written before agents had tenants) takes any tenant's
 */
public record RegisterAgent(String agentId, String name, List<String> capabilities, Map<String, String> labels,
                            int maxConcurrency, long nowMs, double costPerTask, AgentTier tier, String tenant)
        implements Command {

    public RegisterAgent {
        tier = tier == null ? AgentTier.STANDARD : tier;
    }

    /** An agent that serves every tenant. */
    public RegisterAgent(String agentId, String name, List<String> capabilities, Map<String, String> labels,
                         int maxConcurrency, long nowMs, double costPerTask, AgentTier tier) {
        this(agentId, name, capabilities, labels, maxConcurrency, nowMs, costPerTask, tier, null);
    }

    /** A free, standard-tier agent. */
    public RegisterAgent(String agentId, String name, List<String> capabilities, Map<String, String> labels,
                         int maxConcurrency, long nowMs) {
        this(agentId, name, capabilities, labels, maxConcurrency, nowMs, 0, AgentTier.STANDARD);
    }
}
