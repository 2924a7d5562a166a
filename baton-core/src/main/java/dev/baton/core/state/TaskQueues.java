package dev.baton.core.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Queued tasks per capability, ordered by priority (high first) then submission order. */
final class TaskQueues {
    /** Most entries one {@link #peek} call looks at, so tasks in backoff cannot make dispatch scan forever. */
    static final int MAX_SCAN = 10_000;

    private record Entry(int priority, long seq, String taskId) {}

    private static final Comparator<Entry> ORDER = Comparator.comparingInt((Entry e) -> -e.priority)
            .thenComparingLong(Entry::seq)
            .thenComparing(Entry::taskId);

    private final Map<String, NavigableSet<Entry>> byCapability = new HashMap<>();

    void add(Task task) {
        byCapability.computeIfAbsent(task.spec().capability(), c -> new TreeSet<>(ORDER)).add(entry(task));
    }

    void remove(Task task) {
        NavigableSet<Entry> queue = byCapability.get(task.spec().capability());
        if (queue != null) {
            queue.remove(entry(task));
            if (queue.isEmpty()) {
                byCapability.remove(task.spec().capability());
            }
        }
    }

    int depth(String capability) {
        NavigableSet<Entry> queue = byCapability.get(capability);
        return queue == null ? 0 : queue.size();
    }

    Map<String, Integer> depths() {
        Map<String, Integer> depths = new HashMap<>();
        byCapability.forEach((capability, queue) -> depths.put(capability, queue.size()));
        return depths;
    }

    /** Up to {@code limit} task ids over {@code capabilities}, best first, that {@code eligible} accepts. */
    List<String> peek(Collection<String> capabilities, int limit, Predicate<String> eligible) {
        List<Entry> merged = new ArrayList<>();
        for (String capability : new HashSet<>(capabilities)) { // a repeated capability must not repeat its tasks
            NavigableSet<Entry> queue = byCapability.get(capability);
            if (queue == null) {
                continue;
            }
            int taken = 0;
            int scanned = 0;
            for (Entry entry : queue) {
                if (taken >= limit || ++scanned > MAX_SCAN) {
                    break;
                }
                if (eligible.test(entry.taskId)) {
                    merged.add(entry);
                    taken++;
                }
            }
        }
        merged.sort(ORDER);
        return merged.stream().limit(limit).map(Entry::taskId).toList();
    }

    private static Entry entry(Task task) {
        return new Entry(task.spec().priority(), task.seq(), task.id());
    }
}
