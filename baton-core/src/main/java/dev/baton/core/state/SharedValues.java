package dev.baton.core.state;

import java.util.HashMap;
import java.util.Map;

/**
 * Canonical instances of the values many tasks have in common (capability, tenant, policy, labels, constraints,
 * retry policy, timeouts, strategy), so that a million queued tasks decoded from the log hold each such value once
 * instead of once per task.
 *
 * <p>Bounded: after {@link #MAX_VALUES} distinct values, new ones are kept as they come (not shared), so values a
 * client makes unique per task cannot grow the table. Sharing changes only which equal instance a task holds, never
 * what apply decides, so determinism does not depend on what the table holds. Not thread-safe (owned by the state,
 * used during apply).
 */
final class SharedValues {
    static final int MAX_VALUES = 4_096;

    private final Map<Object, Object> canonical = new HashMap<>();

    /** The spec with its shared fields replaced by their canonical instances (the same spec if all already are). */
    TaskSpec spec(TaskSpec s) {
        TaskSpec shared = new TaskSpec(of(s.capability()), s.inputJson(), s.priority(), s.idempotencyKey(),
                of(s.tenant()), of(s.labels()), of(s.retry()), of(s.timeouts()), of(s.constraints()), of(s.policy()),
                of(s.strategy()), s.parentId());
        return sameFields(s, shared) ? s : shared;
    }

    /** The task with its spec's shared fields canonical. */
    Task task(Task t) {
        TaskSpec shared = spec(t.spec());
        return shared == t.spec() ? t : t.withSpec(shared);
    }

    /** The canonical instance equal to {@code value}; {@code value} itself when it is new and the table is full. */
    @SuppressWarnings("unchecked")
    <T> T of(T value) {
        if (value == null) {
            return null;
        }
        Object known = canonical.get(value);
        if (known != null) {
            return (T) known;
        }
        if (canonical.size() < MAX_VALUES) {
            canonical.put(value, value);
        }
        return value;
    }

    private static boolean sameFields(TaskSpec a, TaskSpec b) {
        return a.capability() == b.capability() && a.tenant() == b.tenant() && a.labels() == b.labels()
                && a.retry() == b.retry() && a.timeouts() == b.timeouts() && a.constraints() == b.constraints()
                && a.policy() == b.policy() && a.strategy() == b.strategy();
    }
}
