package dev.baton.core.command;

import dev.baton.api.ErrorInfo;

/**
 * Ends an attempt the leader saw run out of time (lease, start-to-close or heartbeat timeout). Applies only if
 * {@code attempt} is still the task's live attempt.
 */
public record ExpireAttempt(String taskId, int attempt, ErrorInfo reason, long retryDelayMs, long nowMs)
        implements Command {}
