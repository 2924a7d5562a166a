package dev.baton.server.control;

import dev.baton.core.state.InputRound;
import dev.baton.core.state.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Soft state: the answer deadlines of tasks in {@code awaiting_input}. Owned by the control thread; rebuilt from
 * the replicated state (where each question keeps its deadline) when leadership starts, so a new leader times out
 * exactly the questions the old one would have.
 */
final class InputDeadlines {
    private final Map<String, Long> deadlines = new HashMap<>();

    /** Starts or drops the task's deadline to match its new state. */
    void track(Task task) {
        InputRound pending = task.pendingInput();
        if (pending != null && pending.deadlineMs() > 0) {
            deadlines.put(task.id(), pending.deadlineMs());
        } else {
            deadlines.remove(task.id());
        }
    }

    void forget(String taskId) {
        deadlines.remove(taskId);
    }

    /** Tasks whose question is past its deadline, removed from tracking (the caller proposes their time-out). */
    List<String> due(long nowMs) {
        List<String> due = new ArrayList<>();
        deadlines.forEach((taskId, deadline) -> {
            if (nowMs >= deadline) {
                due.add(taskId);
            }
        });
        due.forEach(deadlines::remove);
        return due;
    }

    void clear() {
        deadlines.clear();
    }
}
