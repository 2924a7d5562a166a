package dev.baton.core.state;

import dev.baton.api.ErrorInfo;

/**
 * One agent's run of a task.
 *
 * @param outcome null while the attempt is live; then {@code succeeded}, {@code failed}, {@code expired} or
 *                {@code cancelled}
 */
public record Attempt(int number, String agentId, long leasedAtMs, long finishedAtMs, String outcome,
                      ErrorInfo error) {

    Attempt finish(long nowMs, String outcome, ErrorInfo error) {
        return new Attempt(number, agentId, leasedAtMs, nowMs, outcome, error);
    }
}
