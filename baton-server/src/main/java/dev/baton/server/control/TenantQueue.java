package dev.baton.server.control;

import dev.baton.core.route.FairShare;
import dev.baton.core.route.QueuedTask;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Task;
import dev.baton.core.state.TenantSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The leader's side of tenants in dispatch: which queued tasks are offered to free agent slots, and in which order.
 * A tenant past its budget offers none (its tasks are held until the period rolls over); a tenant at its
 * {@code maxInFlight} offers none, and one near it only as many as fit, counting leases still being committed; the
 * rest are ordered by weighted {@link FairShare}, each tenant's own tasks by priority then submission. Which agent
 * gets a task is the router's choice, not this class's.
 *
 * <p>Threading: owned by the dispatcher on the control loop. Soft state (fair-share tags, leases in flight per
 * tenant) is dropped on a leadership change; apply re-checks every tenant limit, so a stale view is safe.
 */
final class TenantQueue {
    private final TenantSettings defaults;
    private final FairShare fairShare = new FairShare();
    private final Map<String, Integer> pendingByTenant = new HashMap<>();
    private final Map<String, String> tenantByOfferedTask = new HashMap<>();
    private final Map<String, TenantSettings> offeredSettings = new HashMap<>();

    TenantQueue(TenantSettings defaults) {
        this.defaults = defaults;
    }

    /**
     * The queued tasks over {@code capabilities} to offer this round, in fair-share order, at most
     * {@code capacity} per tenant, each accepted by {@code eligible}.
     */
    List<QueuedTask> offer(BatonState s, Collection<String> capabilities, int capacity, Predicate<String> eligible,
                           long nowMs) {
        tenantByOfferedTask.clear();
        offeredSettings.clear();
        Map<String, List<QueuedTask>> backlogs = new TreeMap<>();
        Map<String, Integer> weights = new HashMap<>();
        s.queuedTaskIdsByTenant(capabilities, capacity, eligible).forEach((tenant, ids) -> {
            TenantSettings settings = s.tenantSettings(tenant, defaults);
            int room = room(s, tenant, settings, ids.size(), nowMs);
            if (room <= 0) {
                return;
            }
            boolean underThreshold = underThreshold(s, tenant, settings, nowMs);
            List<QueuedTask> tasks = new ArrayList<>();
            for (String id : ids.subList(0, room)) {
                Task task = s.taskById(id).orElseThrow();
                tasks.add(RoutingViews.queued(s, task).withUnderBudgetThreshold(underThreshold));
                tenantByOfferedTask.put(id, tenant);
            }
            backlogs.put(tenant, tasks);
            weights.put(tenant, settings.weight());
            offeredSettings.put(tenant, settings);
        });
        return fairShare.order(backlogs, weights);
    }

    /**
     * True while the tenant's spend this period is under its budget threshold, else its budget; always true with
     * neither. {@code cost_aware} gives premium agents only to such tenants.
     */
    static boolean underThreshold(BatonState s, String tenant, TenantSettings settings, long nowMs) {
        Double threshold = settings.budgetThreshold() != null ? settings.budgetThreshold() : settings.budget();
        return threshold == null || s.tenantSpend(tenant).spentIn(settings.budgetPeriod(), nowMs) < threshold;
    }

    /** How many more of the tenant's tasks may start now: 0 past its budget, else what its in-flight limit leaves. */
    private int room(BatonState s, String tenant, TenantSettings settings, int wanted, long nowMs) {
        if (settings.exhaustedBy(s.tenantSpend(tenant).spentIn(settings.budgetPeriod(), nowMs))) {
            return 0;
        }
        if (settings.maxInFlight() == null || settings.maxInFlight() <= 0) {
            return wanted;
        }
        int used = s.tenantInFlight(tenant) + pendingByTenant.getOrDefault(tenant, 0);
        return Math.min(wanted, settings.maxInFlight() - used);
    }

    /** The resolved settings of the tenants of {@code taskIds} (offered this round), for the lease command. */
    Map<String, TenantSettings> settingsOf(List<String> taskIds) {
        Map<String, TenantSettings> settings = new TreeMap<>();
        for (String id : taskIds) {
            String tenant = tenantByOfferedTask.get(id);
            if (tenant != null) {
                settings.put(tenant, offeredSettings.get(tenant));
            }
        }
        return settings;
    }

    /** Records that an offered task was handed to an agent: its tenant's share moves on, its lease is pending. */
    void leasing(String taskId) {
        fairShare.served(taskId);
        String tenant = tenantByOfferedTask.get(taskId);
        if (tenant != null) {
            pendingByTenant.merge(tenant, 1, Integer::sum);
        }
    }

    /** Records that the lease proposal of a task of {@code tenant} committed or failed. */
    void leaseSettled(String tenant) {
        pendingByTenant.merge(tenant, -1, (a, b) -> a + b <= 0 ? null : a + b);
    }

    /** The tenant of a task offered this round, or null. */
    String tenantOf(String taskId) {
        return tenantByOfferedTask.get(taskId);
    }

    void reset() {
        fairShare.reset();
        pendingByTenant.clear();
        tenantByOfferedTask.clear();
        offeredSettings.clear();
    }
}
