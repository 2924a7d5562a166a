package dev.baton.core.state;

import java.util.List;

/**
 * The primary data of a {@link BatonState}; indexes are rebuilt on load. Lists are sorted by id (tenants and
 * ledgers by name). {@code tenants}, {@code tenantSpend} and {@code workflows} read as empty from snapshots written
 * before them; {@code audit} (the audit trail and agent owners) reads as null from snapshots written before it.
 */
public record StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks,
                            List<ApiKey> apiKeys, List<Tenant> tenants, List<TenantSpend> tenantSpend,
                            AuditSnapshot audit, List<Workflow> workflows) {
    public static final int FORMAT_VERSION = 1;

    public StateSnapshot {
        tenants = tenants == null ? List.of() : tenants;
        tenantSpend = tenantSpend == null ? List.of() : tenantSpend;
        workflows = workflows == null ? List.of() : workflows;
    }

    /** A snapshot without workflows. */
    public StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks, List<ApiKey> apiKeys,
                         List<Tenant> tenants, List<TenantSpend> tenantSpend, AuditSnapshot audit) {
        this(formatVersion, nextSeq, agents, tasks, apiKeys, tenants, tenantSpend, audit, List.of());
    }

    /** A snapshot without tenants. */
    public StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks, List<ApiKey> apiKeys) {
        this(formatVersion, nextSeq, agents, tasks, apiKeys, List.of(), List.of(), null, List.of());
    }
}
