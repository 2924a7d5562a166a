package dev.baton.server.control;

import dev.baton.core.command.SubmitTask;
import dev.baton.core.route.FairShare;
import dev.baton.core.route.QueuedTask;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.TaskSpec;
import dev.baton.core.state.TenantSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        Map<String, List<QueuedTask>> byTenant = new TreeMap<>();
        s.queuedTaskIdsByTenant(capabilities, capacity, eligible).forEach((tenant, ids) -> byTenant.put(tenant,
                ids.stream().map(id -> RoutingViews.queued(s, s.taskById(id).orElseThrow())).toList()));
        return order(s, byTenant, nowMs);
    }

    /**
     * Tasks whose submission was just proposed (not applied yet) to offer, by the same rules as {@link #offer}, but
     * only those that overtake no one: single-agent tasks of a capability with no task queued at all, of a tenant
     * {@code served} by a waiting agent. Fan-out parents, their sources and workflow steps are never offered here.
     */
    List<QueuedTask> offerSubmitted(BatonState s, List<SubmitTask> submitted, Collection<String> capabilities,
                                    int capacity, Predicate<String> served, long nowMs) {
        Map<String, List<QueuedTask>> byTenant = new TreeMap<>();
        for (SubmitTask c : overtakingNone(s, submitted)) {
            TaskSpec spec = c.spec();
            if (!capabilities.contains(spec.capability()) || !served.test(spec.tenant())) {
                continue;
            }
            List<QueuedTask> tasks = byTenant.computeIfAbsent(spec.tenant(), t -> new ArrayList<>());
            if (tasks.size() < capacity) {
                tasks.add(new QueuedTask(c.taskId(), spec.capability(), spec.tenant(), spec.constraints(),
                        spec.policy(), Set.of()));
            }
        }
        return order(s, byTenant, nowMs);
    }

    /** The single-agent, top-level ones of {@code submitted} whose capability has no task queued at all. */
    static List<SubmitTask> overtakingNone(BatonState s, List<SubmitTask> submitted) {
        Map<String, Boolean> nothingQueued = new HashMap<>();
        List<SubmitTask> out = new ArrayList<>();
        for (SubmitTask c : submitted) {
            TaskSpec spec = c.spec();
            if (!spec.strategy().fansOut() && spec.parentId() == null && nothingQueued.computeIfAbsent(
                    spec.capability(), cap -> s.queuedTaskIdsByTenant(List.of(cap), 1, id -> true).isEmpty())) {
                out.add(c);
            }
        }
        return out;
    }

    /** Each tenant's tasks cut to what its limits leave room for, in weighted fair-share order. */
    private List<QueuedTask> order(BatonState s, Map<String, List<QueuedTask>> byTenant, long nowMs) {
        tenantByOfferedTask.clear();
        offeredSettings.clear();
        Map<String, List<QueuedTask>> backlogs = new TreeMap<>();
        Map<String, Integer> weights = new HashMap<>();
        byTenant.forEach((tenant, queued) -> {
            TenantSettings settings = s.tenantSettings(tenant, defaults);
            int room = room(s, tenant, settings, queued.size(), nowMs);
            if (room <= 0) {
                return;
            }
            boolean underThreshold = underThreshold(s, tenant, settings, nowMs);
            List<QueuedTask> tasks = new ArrayList<>();
            for (QueuedTask task : queued.subList(0, room)) {
                tasks.add(task.withUnderBudgetThreshold(underThreshold));
                tenantByOfferedTask.put(task.taskId(), tenant);
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
