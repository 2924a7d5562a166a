package dev.baton.core.state;

import dev.baton.api.AgentState;
import dev.baton.api.AgentTier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replicated state of one agent. Immutable.
 *
 * @param activeTaskIds ids of the tasks whose live attempt this agent holds, sorted (deterministic iteration)
 * @param costPerTask cost units charged per attempt whose result reports no cost of its own
 * @param tier null (snapshots written before tiers existed) reads as {@code standard}
 * @param tenant the only tenant whose tasks it takes, or null for every tenant ({@link
 *               dev.baton.core.command.RegisterAgent#tenant()})
 */
public record Agent(String id, String name, List<String> capabilities, Map<String, String> labels,
                    int maxConcurrency, AgentState state, long registeredAtMs, long updatedAtMs,
                    List<String> activeTaskIds, double costPerTask, AgentTier tier, String tenant) {
    public static final int MAX_CONCURRENCY_LIMIT = 1024;

    public Agent {
        capabilities = List.copyOf(capabilities);
        labels = Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
        activeTaskIds = List.copyOf(activeTaskIds);
        tier = tier == null ? AgentTier.STANDARD : tier;
    }

    /** An agent that serves every tenant. */
    public Agent(String id, String name, List<String> capabilities, Map<String, String> labels, int maxConcurrency,
                 AgentState state, long registeredAtMs, long updatedAtMs, List<String> activeTaskIds,
                 double costPerTask, AgentTier tier) {
        this(id, name, capabilities, labels, maxConcurrency, state, registeredAtMs, updatedAtMs, activeTaskIds,
                costPerTask, tier, null);
    }

    /** A free, standard-tier agent. */
    public Agent(String id, String name, List<String> capabilities, Map<String, String> labels, int maxConcurrency,
                 AgentState state, long registeredAtMs, long updatedAtMs, List<String> activeTaskIds) {
        this(id, name, capabilities, labels, maxConcurrency, state, registeredAtMs, updatedAtMs, activeTaskIds, 0,
                AgentTier.STANDARD);
    }

    /** Slots the agent has left. */
    public int freeSlots() {
        return Math.max(0, maxConcurrency - activeTaskIds.size());
    }

    public boolean offers(String capability) {
        return capabilities.contains(capability);
    }

    Agent withState(AgentState next, long nowMs) {
        return new Agent(id, name, capabilities, labels, maxConcurrency, next, registeredAtMs, nowMs, activeTaskIds,
                costPerTask, tier, tenant);
    }

    Agent withTask(String taskId, long nowMs) {
        List<String> ids = new ArrayList<>(activeTaskIds);
        int at = Collections.binarySearch(ids, taskId);
        if (at < 0) {
            ids.add(-at - 1, taskId);
        }
        return new Agent(id, name, capabilities, labels, maxConcurrency, state, registeredAtMs, nowMs, ids, costPerTask,
                tier, tenant);
    }

    Agent withoutTask(String taskId, long nowMs) {
        List<String> ids = new ArrayList<>(activeTaskIds);
        ids.remove(taskId);
        return new Agent(id, name, capabilities, labels, maxConcurrency, state, registeredAtMs, nowMs, ids, costPerTask,
                tier, tenant);
    }
}
