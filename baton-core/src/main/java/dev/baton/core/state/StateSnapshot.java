package dev.baton.core.state;

import java.util.List;
import java.util.Map;

/**
 * The primary data of a {@link BatonState}; indexes are rebuilt on load. Lists are sorted by id (tenants and
 * ledgers by name). {@code tenants} and {@code tenantSpend} read as empty from snapshots written before tenants;
 * {@code audit} (the audit trail and agent owners) reads as null from snapshots written before it.
 *
 * @param health what was observed of each agent (scores, breaker), sorted by agent id; empty in snapshots written
 *     before it existed
 * @param feedback feedback scores by task id, sorted
 */
public record StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks,
                            List<ApiKey> apiKeys, List<Tenant> tenants, List<TenantSpend> tenantSpend,
                            AuditSnapshot audit, List<AgentHealth> health, Map<String, Double> feedback) {
    public static final int FORMAT_VERSION = 1;

    public StateSnapshot {
        tenants = tenants == null ? List.of() : tenants;
        tenantSpend = tenantSpend == null ? List.of() : tenantSpend;
        health = health == null ? List.of() : health;
        feedback = feedback == null ? Map.of() : feedback;
    }

    /** A snapshot without tenants, audit or agent health. */
    public StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks, List<ApiKey> apiKeys) {
        this(formatVersion, nextSeq, agents, tasks, apiKeys, List.of(), List.of(), null, List.of(), Map.of());
    }

    /** A snapshot without agent health. */
    public StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks, List<ApiKey> apiKeys,
                         List<Tenant> tenants, List<TenantSpend> tenantSpend, AuditSnapshot audit) {
        this(formatVersion, nextSeq, agents, tasks, apiKeys, tenants, tenantSpend, audit, List.of(), Map.of());
    }
}
