package dev.baton.client;

import dev.baton.api.TaskRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The attempts an agent is running now, by task and attempt. Thread-safe (a concurrent map). */
final class RunningTasks {
    private final Map<TaskRef, LeasedTaskContext> byRef = new ConcurrentHashMap<>();

    /** Starts tracking an attempt. */
    void add(LeasedTaskContext ctx) {
        byRef.put(ctx.ref(), ctx);
    }

    /** Stops tracking an attempt. */
    void remove(LeasedTaskContext ctx) {
        byRef.remove(ctx.ref(), ctx);
    }

    /** The attempts running now, for a heartbeat. */
    List<TaskRef> refs() {
        return List.copyOf(byRef.keySet());
    }

    /** How many attempts run now. */
    int size() {
        return byRef.size();
    }

    /** Asks the listed attempts to stop; unknown ones are ignored. Returns how many were running. */
    int stop(List<TaskRef> refs) {
        int stopped = 0;
        for (TaskRef ref : refs) {
            LeasedTaskContext ctx = byRef.get(ref);
            if (ctx != null) {
                ctx.requestStop();
                stopped++;
            }
        }
        return stopped;
    }

    /** Asks every running attempt to stop. */
    void stopAll() {
        byRef.values().forEach(LeasedTaskContext::requestStop);
    }
}
