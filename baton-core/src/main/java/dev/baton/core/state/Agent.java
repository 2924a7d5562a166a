package dev.baton.core.state;

import dev.baton.api.AgentState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replicated state of one agent. Immutable.
 *
 * @param activeTaskIds ids of the tasks whose live attempt this agent holds, sorted (deterministic iteration)
 */
public record Agent(String id, String name, List<String> capabilities, Map<String, String> labels,
                    int maxConcurrency, AgentState state, long registeredAtMs, long updatedAtMs,
                    List<String> activeTaskIds) {
    public static final int MAX_CONCURRENCY_LIMIT = 1024;

    public Agent {
        capabilities = List.copyOf(capabilities);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
        activeTaskIds = List.copyOf(activeTaskIds);
    }

    /** Slots the agent has left. */
    public int freeSlots() {
        return Math.max(0, maxConcurrency - activeTaskIds.size());
    }

    public boolean offers(String capability) {
        return capabilities.contains(capability);
    }

    Agent withState(AgentState next, long nowMs) {
        return new Agent(id, name, capabilities, labels, maxConcurrency, next, registeredAtMs, nowMs, activeTaskIds);
    }

    Agent withTask(String taskId, long nowMs) {
        List<String> ids = new ArrayList<>(activeTaskIds);
        int at = Collections.binarySearch(ids, taskId);
        if (at < 0) {
            ids.add(-at - 1, taskId);
        }
        return new Agent(id, name, capabilities, labels, maxConcurrency, state, registeredAtMs, nowMs, ids);
    }

    Agent withoutTask(String taskId, long nowMs) {
        List<String> ids = new ArrayList<>(activeTaskIds);
        ids.remove(taskId);
        return new Agent(id, name, capabilities, labels, maxConcurrency, state, registeredAtMs, nowMs, ids);
    }
}
