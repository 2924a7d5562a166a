package dev.baton.core.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Queued tasks per capability and tenant, each queue ordered by priority (high first) then submission order. The
 * leader reads them merged ({@link #peek}) or per tenant ({@link #peekByTenant}, for weighted fair share).
 */
final class TaskQueues {
    /** Most entries one queue scan looks at, so tasks in backoff cannot make dispatch scan forever. */
    static final int MAX_SCAN = 10_000;

    private record Entry(int priority, long seq, String taskId) {}

    private static final Comparator<Entry> ORDER = Comparator.comparingInt((Entry e) -> -e.priority)
            .thenComparingLong(Entry::seq)
            .thenComparing(Entry::taskId);

    private final Map<String, Map<String, NavigableSet<Entry>>> byCapability = new HashMap<>();
    private final Map<String, Integer> depthByCapability = new HashMap<>();

    void add(Task task) {
        String capability = task.spec().capability();
        boolean added = byCapability.computeIfAbsent(capability, c -> new HashMap<>())
                .computeIfAbsent(task.spec().tenant(), t -> new TreeSet<>(ORDER)).add(entry(task));
        if (added) {
            depthByCapability.merge(capability, 1, Integer::sum);
        }
    }

    void remove(Task task) {
        String capability = task.spec().capability();
        Map<String, NavigableSet<Entry>> tenants = byCapability.get(capability);
        NavigableSet<Entry> queue = tenants == null ? null : tenants.get(task.spec().tenant());
        if (queue == null || !queue.remove(entry(task))) {
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
        List<Entry> merged = new ArrayList<>();
        for (String capability : new LinkedHashSet<>(capabilities)) { // a repeated capability must not repeat tasks
            for (NavigableSet<Entry> queue : byCapability.getOrDefault(capability, Map.of()).values()) {
                merged.addAll(take(queue, limit, eligible));
            }
        }
        merged.sort(ORDER);
        return merged.stream().limit(limit).map(Entry::taskId).toList();
    }

    /**
     * Per tenant (sorted by name), up to {@code limit} task ids over {@code capabilities}, best first, that
     * {@code eligible} accepts. Tenants with none are left out.
     */
    Map<String, List<String>> peekByTenant(Collection<String> capabilities, int limit, Predicate<String> eligible) {
        Map<String, List<Entry>> byTenant = new TreeMap<>();
        for (String capability : new LinkedHashSet<>(capabilities)) {
            byCapability.getOrDefault(capability, Map.of()).forEach((tenant, queue) -> {
                List<Entry> taken = take(queue, limit, eligible);
                if (!taken.isEmpty()) {
                    byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).addAll(taken);
                }
            });
        }
        Map<String, List<String>> result = new TreeMap<>();
        byTenant.forEach((tenant, entries) -> {
            entries.sort(ORDER);
            result.put(tenant, entries.stream().limit(limit).map(Entry::taskId).toList());
        });
        return result;
    }

    private static List<Entry> take(NavigableSet<Entry> queue, int limit, Predicate<String> eligible) {
        List<Entry> taken = new ArrayList<>();
        int scanned = 0;
        for (Entry entry : queue) {
            if (taken.size() >= limit || ++scanned > MAX_SCAN) {
                break;
            }
            if (eligible.test(entry.taskId)) {
                taken.add(entry);
            }
        }
        return taken;
    }

    private static Entry entry(Task task) {
        return new Entry(task.spec().priority(), task.seq(), task.id());
    }
}
