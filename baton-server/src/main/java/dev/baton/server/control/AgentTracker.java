package dev.baton.server.control;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Soft state: when each agent was last heard from. Owned by the control thread; rebuilt when leadership starts. */
final class AgentTracker {
    private final Map<String, Long> lastSeenMs = new HashMap<>();

    void seen(String agentId, long nowMs) {
        lastSeenMs.put(agentId, nowMs);
    }

    void forget(String agentId) {
        lastSeenMs.remove(agentId);
    }

    /** Agents silent for longer than {@code timeoutMs}; an agent never seen counts as seen at {@code nowMs}. */
    Set<String> silentSince(Iterable<String> agentIds, long nowMs, long timeoutMs) {
        Set<String> silent = new java.util.TreeSet<>();
        for (String id : agentIds) {
            long last = lastSeenMs.computeIfAbsent(id, k -> nowMs);
            if (nowMs - last > timeoutMs) {
                silent.add(id);
            }
        }
        return silent;
    }

    void clear() {
        lastSeenMs.clear();
    }
}
