package dev.baton.server.control;

import dev.baton.core.state.StateEvent;
import dev.baton.core.state.Task;
import java.util.HashMap;
import java.util.Map;

/**
 * No attempt stays leased or running past its lease (plus the agent timeout as slack) while a leader is up.
 *
 * <p>The leader renews an attempt's lease when it starts tracking it (the lease commits, or leadership starts and
 * rebuilds its clocks) and on each heartbeat for it. The oracle cannot see when the leader's loop got to a renewal,
 * only that it had by the next time the loop ran dry, so it keeps, per live attempt, an upper bound on the last
 * renewal: a renewal that may have happened marks the attempt "awaiting a drain", and the next drain of the
 * leader's loop sets the bound to that moment. {@link #check} is sound only at a quiet point: the leader ticked at
 * the current time and everything it proposed has committed.
 */
final class SimLeaseOracle {
    private static final class Live {
        final int attempt;
        long renewedByMs;
        boolean awaitingDrain = true;

        Live(int attempt) {
            this.attempt = attempt;
        }
    }

    private final long boundMs;
    private final Map<String, Live> live = new HashMap<>();

    SimLeaseOracle(ControlSettings settings) {
        this.boundMs = settings.leaseTimeoutMs() + settings.agentTimeoutMs();
    }

    /** Follows the reference replica: attempts start and end. */
    void onEvent(StateEvent event) {
        switch (event) {
            case StateEvent.TaskChanged(Task before, Task after) -> {
                if (!after.state().isActive() || after.spec().strategy().fansOut()) { // a parent holds no lease
                    live.remove(after.id());
                } else if (!live.containsKey(after.id()) || live.get(after.id()).attempt != after.attempt()) {
                    live.put(after.id(), new Live(after.attempt()));
                }
            }
            case StateEvent.TaskEvicted(Task task) -> live.remove(task.id());
            case StateEvent.AgentChanged ignored -> { }
            case StateEvent.ResultRejected ignored -> { }
        }
    }

    /** A heartbeat for the attempt reached the leader: it may renew the lease when the loop gets to it. */
    void vouched(String taskId, int attempt) {
        Live attemptLive = live.get(taskId);
        if (attemptLive != null && attemptLive.attempt == attempt) {
            attemptLive.awaitingDrain = true;
        }
    }

    /** A new leader rebuilds its clocks, renewing every lease. */
    void leaderElected() {
        live.values().forEach(l -> l.awaitingDrain = true);
    }

    /** The leader's loop ran everything queued: renewals that were waiting for it happened by {@code nowMs}. */
    void leaderDrained(long nowMs) {
        for (Live l : live.values()) {
            if (l.awaitingDrain) {
                l.awaitingDrain = false;
                l.renewedByMs = nowMs;
            }
        }
    }

    /** At a quiet point with a leader up: every live attempt was renewed within the bound. */
    void check(long nowMs) {
        live.forEach((taskId, l) -> SimInvariants.require(l.awaitingDrain || nowMs < l.renewedByMs + boundMs,
                () -> "task " + taskId + " attempt " + l.attempt + " still live at " + nowMs + ", "
                        + (nowMs - l.renewedByMs) + " ms after its last possible renewal (bound " + boundMs + " ms)"));
    }
}
