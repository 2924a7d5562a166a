package dev.baton.core.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Queued tasks per capability and tenant, each queue ordered by priority (high first) then submission order. The
 * leader reads them merged ({@link #peek}) or per tenant ({@link #peekByTenant}, for weighted fair share).
 */
final class TaskQueues {
    /** Most entries one queue scan looks at, so tasks in backoff cannot make dispatch scan forever. */
    static final int MAX_SCAN = 10_000;

    /**
     * Queue order. The queues hold the queued {@link Task} records themselves (no entry object per task): a task
     * leaves its queue before any change to it is stored, and the fields compared here never change while queued.
     */
    private static final Comparator<Task> ORDER = Comparator.comparingInt((Task t) -> -t.spec().priority())
            .thenComparingLong(Task::seq)
            .thenComparing(Task::id);

    private final Map<String, Map<String, OrderedTasks>> byCapability = new HashMap<>();
    private final Map<String, Integer> depthByCapability = new HashMap<>();

    void add(Task task) {
        String capability = task.spec().capability();
        boolean added = byCapability.computeIfAbsent(capability, c -> new HashMap<>())
                .computeIfAbsent(task.spec().tenant(), t -> new OrderedTasks(ORDER)).add(task);
        if (added) {
            depthByCapability.merge(capability, 1, Integer::sum);
        }
    }

    void remove(Task task) {
        String capability = task.spec().capability();
        Map<String, OrderedTasks> tenants = byCapability.get(capability);
        OrderedTasks queue = tenants == null ? null : tenants.get(task.spec().tenant());
        if (queue == null || !queue.remove(task)) {
            return;
        }
        depthByCapability.merge(capability, -1, (a, b) -> a + b == 0 ? null : a + b);
        if (queue.isEmpty()) {
            tenants.remove(task.spec().tenant());
            if (tenants.isEmpty()) {
                byCapability.remove(capability);
            }
        }
    }

    int depth(String capability) {
        return depthByCapability.getOrDefault(capability, 0);
    }

    Map<String, Integer> depths() {
        return new HashMap<>(depthByCapability);
    }

    /** Up to {@code limit} task ids over {@code capabilities}, best first, that {@code eligible} accepts. */
    List<String> peek(Collection<String> capabilities, int limit, Predicate<String> eligible) {
        List<Task> merged = new ArrayList<>();
        for (String capability : new LinkedHashSet<>(capabilities)) { // a repeated capability must not repeat tasks
            for (OrderedTasks queue : byCapability.getOrDefault(capability, Map.of()).values()) {
                merged.addAll(take(queue, limit, eligible));
            }
        }
        merged.sort(ORDER);
        return merged.stream().limit(limit).map(Task::id).toList();
    }

    /**
     * Per tenant (sorted by name), up to {@code limit} task ids over {@code capabilities}, best first, that
     * {@code eligible} accepts. Tenants with none are left out.
     */
    Map<String, List<String>> peekByTenant(Collection<String> capabilities, int limit, Predicate<String> eligible) {
        Map<String, List<Task>> byTenant = new TreeMap<>();
        for (String capability : new LinkedHashSet<>(capabilities)) {
            byCapability.getOrDefault(capability, Map.of()).forEach((tenant, queue) -> {
                List<Task> taken = take(queue, limit, eligible);
                if (!taken.isEmpty()) {
                    byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).addAll(taken);
                }
            });
        }
        Map<String, List<String>> result = new TreeMap<>();
        byTenant.forEach((tenant, entries) -> {
            entries.sort(ORDER);
            result.put(tenant, entries.stream().limit(limit).map(Task::id).toList());
        });
        return result;
    }

    private static List<Task> take(OrderedTasks queue, int limit, Predicate<String> eligible) {
        List<Task> taken = new ArrayList<>();
        int scanned = 0;
        for (Task task : queue) {
            if (taken.size() >= limit || ++scanned > MAX_SCAN) {
                break;
            }
            if (eligible.test(task.id())) {
                taken.add(task);
            }
        }
        return taken;
    }
}
