package dev.baton.core.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weighted fair share between tenants: the order in which queued tasks are offered to free agent slots, so that
 * tenants contending for a capability get its slots in proportion to their weights, with each tenant's own tasks
 * in its priority order.
 *
 * <p>Implementation notes: start-time fair queuing per capability. Each (capability, tenant) pair has the start
 * tag of its next task; each capability has a virtual time, the largest start tag served so far. A pair's tasks
 * get start tags {@code S, S + 1/w, S + 2/w, ...} and finish tags one step later, and candidates are offered by
 * ascending finish tag (ties: tenant name, then the tenant's own order). Only tasks actually handed out
 * ({@link #served}) move a pair's tag, so a tenant whose tasks no agent could take loses nothing. A pair that was
 * not backlogged starts at {@code max(virtual time, its old tag)}: an idle tenant cannot bank credit. Over any
 * window in which tenants stay backlogged, each gets {@code weight / sum of weights} of the slots, within about
 * one task per tenant.
 *
 * <p>Soft state of the leader (not replicated): single-threaded, owned by the dispatch loop, reset on a
 * leadership change; deterministic for the same inputs and history. Memory: one entry per (capability, tenant)
 * pair that is backlogged or ahead of the virtual time, capped at {@link #MAX_ENTRIES}.
 */
public final class FairShare {
    /** Most (capability, tenant) entries kept; past this all credit is forgotten (every pair restarts at V). */
    static final int MAX_ENTRIES = 100_000;

    /** A candidate with its tags, from the last {@link #order} call. */
    private record Tagged(QueuedTask task, String tenant, int position, double start, double finish) {}

    private final Map<String, Double> nextStartByKey = new HashMap<>();
    private final Set<String> backlogged = new HashSet<>();
    private final Map<String, Double> virtualTimeByCapability = new HashMap<>();
    private final Map<String, Tagged> lastOrder = new HashMap<>();

    /**
     * The tasks of {@code backlogs} (tenant to its candidates, in its own order) in fair-share order.
     *
     * @param weights tenant weights, at least 1; a tenant missing here weighs 1
     */
    public List<QueuedTask> order(Map<String, List<QueuedTask>> backlogs, Map<String, Integer> weights) {
        lastOrder.clear();
        Set<String> capabilities = new HashSet<>();
        Set<String> seen = new HashSet<>();
        List<Tagged> tagged = new ArrayList<>();
        for (Map.Entry<String, List<QueuedTask>> backlog : backlogs.entrySet()) {
            String tenant = backlog.getKey();
            double step = 1.0 / Math.max(1, weights.getOrDefault(tenant, 1));
            Map<String, Double> cursor = new HashMap<>();
            int position = 0;
            for (QueuedTask task : backlog.getValue()) {
                String key = key(task.capability(), tenant);
                capabilities.add(task.capability());
                seen.add(key);
                double start = cursor.computeIfAbsent(key, k -> arrive(k, task.capability()));
                cursor.put(key, start + step);
                tagged.add(new Tagged(task, tenant, position++, start, start + step));
            }
        }
        // Pairs of the capabilities offered this round that had nothing queued are idle now.
        backlogged.removeIf(key -> !seen.contains(key) && capabilities.contains(capabilityOf(key)));
        tagged.sort(Comparator.comparingDouble(Tagged::finish).thenComparing(Tagged::tenant)
                .thenComparingInt(Tagged::position));
        tagged.forEach(t -> lastOrder.put(t.task().taskId(), t));
        prune();
        return tagged.stream().map(Tagged::task).toList();
    }

    /** Records that {@code taskId}, offered by the last {@link #order}, was handed to an agent. */
    public void served(String taskId) {
        Tagged t = lastOrder.remove(taskId);
        if (t == null) {
            return;
        }
        nextStartByKey.merge(key(t.task().capability(), t.tenant()), t.finish(), Math::max);
        virtualTimeByCapability.merge(t.task().capability(), t.start(), Math::max);
    }

    /** Forgets all tags (a new leadership starts fair from here). */
    public void reset() {
        nextStartByKey.clear();
        backlogged.clear();
        virtualTimeByCapability.clear();
        lastOrder.clear();
    }

    /** The start tag of the pair's next task; a pair (re)joining the backlog starts no earlier than V. */
    private double arrive(String key, String capability) {
        double virtualTime = virtualTimeByCapability.getOrDefault(capability, 0.0);
        if (backlogged.add(key)) {
            nextStartByKey.merge(key, virtualTime, Math::max);
        }
        return nextStartByKey.get(key);
    }

    /** Drops idle pairs whose tag is not ahead of the virtual time (they would restart at V anyway). */
    private void prune() {
        nextStartByKey.entrySet().removeIf(e -> !backlogged.contains(e.getKey())
                && e.getValue() <= virtualTimeByCapability.getOrDefault(capabilityOf(e.getKey()), 0.0));
        if (nextStartByKey.size() > MAX_ENTRIES) {
            nextStartByKey.clear();
            backlogged.clear();
        }
    }

    private static String key(String capability, String tenant) {
        return capability + '\u0000' + tenant;
    }

    private static String capabilityOf(String key) {
        return key.substring(0, key.indexOf('\u0000'));
    }
}
