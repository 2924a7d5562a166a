package dev.baton.server.control;

import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.core.state.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Soft state: the deadlines of live attempts (lease, heartbeat, start-to-close) and of queued tasks
 * (schedule-to-start). Owned by the control thread; rebuilt from the replicated state when leadership starts,
 * giving every live attempt a fresh lease so a leader change never expires work that is in fact running.
 */
final class AttemptClocks {
    private record Clock(int attempt, long leaseExpiresAtMs, long heartbeatDeadlineMs, long startToCloseDeadlineMs) {}

    /** An attempt whose time ran out, with the reason to record. */
    record Expired(String taskId, int attempt, ErrorInfo reason) {}

    private final Map<String, Clock> live = new HashMap<>();
    private final Map<String, Long> scheduleToStartDeadlines = new HashMap<>();
    private final Map<String, Long> strategyDeadlines = new HashMap<>();
    private final long leaseTimeoutMs;

    AttemptClocks(long leaseTimeoutMs) {
        this.leaseTimeoutMs = leaseTimeoutMs;
    }

    /** Tracks a task after a change: starts, keeps or drops its clocks to match its new state. */
    void track(Task task, long nowMs) {
        if (task.spec().strategy().fansOut()) { // runs no attempt itself; only its strategy timeout applies
            Integer seconds = task.spec().strategy().timeoutSeconds();
            if (task.state().isTerminal() || seconds == null) {
                strategyDeadlines.remove(task.id());
            } else {
                strategyDeadlines.putIfAbsent(task.id(), task.createdAtMs() + seconds * 1_000L);
            }
            return;
        }
        if (task.state().isActive()) {
            scheduleToStartDeadlines.remove(task.id());
            Clock clock = live.get(task.id());
            if (clock == null || clock.attempt != task.attempt()) {
                long heartbeatMs = task.spec().timeouts().heartbeatMs();
                live.put(task.id(), new Clock(task.attempt(), nowMs + leaseTimeoutMs,
                        heartbeatMs > 0 ? nowMs + heartbeatMs : 0, task.attemptDeadlineMs()));
            }
            return;
        }
        live.remove(task.id());
        long scheduleToStart = task.spec().timeouts().scheduleToStartMs();
        if (task.state() == dev.baton.api.TaskState.QUEUED && task.attempt() == 0 && scheduleToStart > 0) {
            scheduleToStartDeadlines.put(task.id(), task.createdAtMs() + scheduleToStart);
        } else {
            scheduleToStartDeadlines.remove(task.id());
        }
    }

    void forget(String taskId) {
        live.remove(taskId);
        strategyDeadlines.remove(taskId);
        scheduleToStartDeadlines.remove(taskId);
    }

    /** A sign of life for an attempt: extends its lease and heartbeat deadline. False if the attempt is not live. */
    boolean heartbeat(String taskId, int attempt, long heartbeatTimeoutMs, long nowMs) {
        Clock clock = live.get(taskId);
        if (clock == null || clock.attempt != attempt) {
            return false;
        }
        live.put(taskId, new Clock(attempt, nowMs + leaseTimeoutMs,
                heartbeatTimeoutMs > 0 ? nowMs + heartbeatTimeoutMs : 0, clock.startToCloseDeadlineMs));
        return true;
    }

    boolean isLive(String taskId, int attempt) {
        Clock clock = live.get(taskId);
        return clock != null && clock.attempt == attempt;
    }

    /** Live attempts past a deadline, removed from tracking (the caller proposes their expiry). */
    List<Expired> expiredAttempts(long nowMs) {
        List<Expired> expired = new ArrayList<>();
        live.forEach((taskId, c) -> {
            ErrorInfo reason = null;
            if (c.startToCloseDeadlineMs > 0 && nowMs >= c.startToCloseDeadlineMs) {
                reason = ErrorInfo.of(ErrorCodes.START_TO_CLOSE_TIMEOUT, "attempt ran past its start-to-close timeout",
                        true);
            } else if (c.heartbeatDeadlineMs > 0 && nowMs >= c.heartbeatDeadlineMs) {
                reason = ErrorInfo.of(ErrorCodes.HEARTBEAT_TIMEOUT, "no heartbeat within the heartbeat timeout", true);
            } else if (nowMs >= c.leaseExpiresAtMs) {
                reason = ErrorInfo.of(ErrorCodes.LEASE_EXPIRED, "the agent stopped reporting on this attempt", true);
            }
            if (reason != null) {
                expired.add(new Expired(taskId, c.attempt, reason));
            }
        });
        expired.forEach(e -> live.remove(e.taskId()));
        return expired;
    }

    /**
     * Tracks an attempt whose expiry failed to commit again, still past the deadline it missed, so the next tick
     * proposes its expiry again (with the same reason) instead of granting it a fresh lease.
     */
    void expireAgain(Expired expired, long nowMs) {
        String code = expired.reason().code();
        live.put(expired.taskId(), new Clock(expired.attempt(),
                code.equals(ErrorCodes.LEASE_EXPIRED) ? nowMs : Long.MAX_VALUE,
                code.equals(ErrorCodes.HEARTBEAT_TIMEOUT) ? nowMs : 0,
                code.equals(ErrorCodes.START_TO_CLOSE_TIMEOUT) ? nowMs : 0));
    }

    /** Queued tasks past their schedule-to-start deadline, removed from tracking. */
    List<String> pastScheduleToStart(long nowMs) {
        List<String> due = new ArrayList<>();
        scheduleToStartDeadlines.forEach((taskId, deadline) -> {
            if (nowMs >= deadline) {
                due.add(taskId);
            }
        });
        due.forEach(scheduleToStartDeadlines::remove);
        return due;
    }

    /** Consensus and race tasks past their strategy timeout, removed from tracking. */
    List<String> pastStrategyTimeout(long nowMs) {
        List<String> due = new ArrayList<>();
        strategyDeadlines.forEach((taskId, deadline) -> {
            if (nowMs >= deadline) {
                due.add(taskId);
            }
        });
        due.forEach(strategyDeadlines::remove);
        return due;
    }

    void clear() {
        strategyDeadlines.clear();
        live.clear();
        scheduleToStartDeadlines.clear();
    }
}
