package dev.baton.server.http;

import dev.baton.core.state.StateEvent;
import dev.baton.core.state.Task;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Requests waiting for a task to finish ({@code GET /v1/tasks/{id}?waitMs=}). Fed by apply events on every node,
 * so a wait works on followers too. Thread-safe.
 */
final class TaskWatchers {
    private final Map<String, List<CompletableFuture<Task>>> byTask = new ConcurrentHashMap<>();

    /** A future completed when the task reaches a terminal state; the caller must {@link #cancel} it on timeout. */
    CompletableFuture<Task> watch(String taskId) {
        CompletableFuture<Task> done = new CompletableFuture<>();
        byTask.computeIfAbsent(taskId, id -> new CopyOnWriteArrayList<>()).add(done);
        return done;
    }

    void cancel(String taskId, CompletableFuture<Task> watcher) {
        byTask.computeIfPresent(taskId, (id, list) -> {
            list.remove(watcher);
            return list.isEmpty() ? null : list;
        });
    }

    void onEvents(List<StateEvent> events) {
        if (byTask.isEmpty()) {
            return;
        }
        for (StateEvent event : events) {
            if (event instanceof StateEvent.TaskChanged c && c.after().state().isTerminal()) {
                List<CompletableFuture<Task>> waiting = byTask.remove(c.after().id());
                if (waiting != null) {
                    waiting.forEach(f -> f.complete(c.after()));
                }
            }
        }
    }
}
