package dev.baton.core.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tenant slice of {@link BatonState}: configured tenants, spend ledgers, and counts of each tenant's queued and
 * in-flight (leased or running) tasks, kept in step by the state's task index. Package-private; not thread-safe
 * (owned by the state).
 */
final class TenantBook {
    final Map<String, Tenant> tenants = new HashMap<>();
    final Map<String, TenantSpend> spend = new HashMap<>();
    private final Map<String, int[]> counts = new HashMap<>(); // tenant -> {queued, inFlight}

    /** Counts {@code task} in (+1) or out (-1) of its tenant's queued or in-flight total. */
    void count(Task task, int delta) {
        int slot = switch (task.state()) {
            case QUEUED -> 0;
            case LEASED, RUNNING -> 1;
            default -> -1;
        };
        if (slot < 0) {
            return;
        }
        String tenant = task.spec().tenant();
        int[] c = counts.computeIfAbsent(tenant, t -> new int[2]);
        c[slot] += delta;
        if (c[0] == 0 && c[1] == 0) {
            counts.remove(tenant);
        }
    }

    int queued(String tenant) {
        int[] c = counts.get(tenant);
        return c == null ? 0 : c[0];
    }

    int inFlight(String tenant) {
        int[] c = counts.get(tenant);
        return c == null ? 0 : c[1];
    }

    void charge(String tenant, double cost, long nowMs) {
        if (cost > 0) {
            spend.put(tenant, spend.getOrDefault(tenant, TenantSpend.none(tenant)).charge(cost, nowMs));
        }
    }

    void countRejection(String tenant) {
        spend.put(tenant, spendOf(tenant).withRejection());
    }

    TenantSpend spendOf(String tenant) {
        return spend.getOrDefault(tenant, TenantSpend.none(tenant));
    }

    /** Drops the ledgers of unconfigured tenants that spent nothing this month (bounds the map). */
    int pruneIdle(long nowMs) {
        List<String> idle = new ArrayList<>();
        spend.forEach((name, ledger) -> {
            if (!tenants.containsKey(name) && ledger.idleIn(nowMs)) {
                idle.add(name);
            }
        });
        idle.forEach(spend::remove);
        return idle.size();
    }

    /** Every tenant that is configured, has queued or in-flight tasks, or has a ledger, sorted. */
    List<String> knownNames() {
        TreeSet<String> names = new TreeSet<>(tenants.keySet());
        names.addAll(counts.keySet());
        names.addAll(spend.keySet());
        return List.copyOf(names);
    }
}
