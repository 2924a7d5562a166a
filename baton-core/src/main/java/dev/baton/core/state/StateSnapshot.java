package dev.baton.core.state;

import java.util.List;
import java.util.Map;

/**
 * The primary data of a {@link BatonState}; indexes are rebuilt on load. Lists are sorted by id (tenants and
 * ledgers by name). {@code tenants} and {@code tenantSpend} read as empty from snapshots written before tenants;
 * {@code audit} (the audit trail and agent owners) reads as null from snapshots written before it. A snapshot with
 * a missing agent, task or key list, or a null element in any list, is refused ({@link IllegalArgumentException}),
 * so a corrupt file never becomes a half-built state.
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
        agents = checked(agents, "agents");
        tasks = checked(tasks, "tasks");
        apiKeys = checked(apiKeys, "apiKeys");
        tenants = checked(tenants == null ? List.of() : tenants, "tenants");
        tenantSpend = checked(tenantSpend == null ? List.of() : tenantSpend, "tenantSpend");
        health = checked(health == null ? List.of() : health, "health");
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

    private static <T> List<T> checked(List<T> list, String field) {
        if (list == null || list.contains(null)) {
            throw new IllegalArgumentException("snapshot field '" + field + "' is missing or holds a null");
        }
        return list;
    }
}
