package dev.baton.server.control;

import dev.baton.core.state.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Soft state: agents' long polls waiting for work, at most one per agent, oldest first. Control thread only. */
final class PollWaiters {
    record Waiter(String agentId, int max, long deadlineMs, CompletableFuture<List<Task>> reply) {}

    private final Map<String, Waiter> byAgent = new LinkedHashMap<>();

    /** Adds a waiter; an older poll of the same agent is answered empty (the agent gave up on it). */
    void add(Waiter waiter) {
        Waiter previous = byAgent.remove(waiter.agentId());
        if (previous != null) {
            previous.reply().complete(List.of());
        }
        byAgent.put(waiter.agentId(), waiter);
    }

    boolean contains(String agentId) {
        return byAgent.containsKey(agentId);
    }

    Waiter remove(String agentId) {
        return byAgent.remove(agentId);
    }

    List<Waiter> all() {
        return new ArrayList<>(byAgent.values());
    }

    boolean isEmpty() {
        return byAgent.isEmpty();
    }

    /** Answers, empty, every poll past its deadline. */
    void expire(long nowMs) {
        Iterator<Waiter> it = byAgent.values().iterator();
        while (it.hasNext()) {
            Waiter waiter = it.next();
            if (nowMs >= waiter.deadlineMs() || waiter.reply().isDone()) {
                it.remove();
                waiter.reply().complete(List.of());
            }
        }
    }

    /** Fails every poll (leadership lost). */
    void failAll(Throwable cause) {
        byAgent.values().forEach(w -> w.reply().completeExceptionally(cause));
        byAgent.clear();
    }
}
