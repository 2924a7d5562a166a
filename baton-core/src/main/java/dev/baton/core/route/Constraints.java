package dev.baton.core.route;

import java.util.Map;

/** Label constraints: a task's {@code key=value} requirements on the labels of the agent that runs it. */
public final class Constraints {
    private Constraints() {}

    /** True if {@code labels} carries every constrained key with exactly the constrained value. */
    public static boolean satisfiedBy(Map<String, String> constraints, Map<String, String> labels) {
        for (Map.Entry<String, String> c : constraints.entrySet()) {
            if (!c.getValue().equals(labels.get(c.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
