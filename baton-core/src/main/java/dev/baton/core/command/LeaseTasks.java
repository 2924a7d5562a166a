package dev.baton.core.command;

import dev.baton.core.state.TenantSettings;
import java.util.List;
import java.util.Map;

/**
 * Hands queued tasks to an agent, starting a new attempt of each. Apply re-checks every task (still queued, visible,
 * capability offered, free slot, and its tenant neither at its in-flight limit nor past its budget) and leases only
 * those that pass, so a stale routing decision is harmless.
 *
 * @param tenants resolved settings of the tenants of {@code taskIds}; a tenant missing here (or a null map, in
 *                entries written before tenants existed) is not limited
 */
public record LeaseTasks(String agentId, List<String> taskIds, long nowMs, Map<String, TenantSettings> tenants)
        implements Command {

    public LeaseTasks {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    @Override
    public int weight() {
        return Math.max(1, taskIds.size());
    }

    /** A lease no tenant limit gates. */
    public LeaseTasks(String agentId, List<String> taskIds, long nowMs) {
        this(agentId, taskIds, nowMs, Map.of());
    }
}
