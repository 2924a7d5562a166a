package dev.baton.core.state;

import dev.baton.api.ErrorInfo;

/**
 * One agent's run of a task.
 *
 * @param outcome null while the attempt is live; then {@code succeeded}, {@code failed}, {@code expired} or
 *                {@code cancelled}
 * @param cost cost units charged when its result arrived; null when nothing was charged (no result yet, a free
 *             agent, or an attempt that expired or was cancelled without a result)
 * @param resultJson on a consensus or race task, where each attempt is one source's final one: the source's
 *             output when it succeeded; else null
 */
public record Attempt(int number, String agentId, long leasedAtMs, long finishedAtMs, String outcome,
                      ErrorInfo error, Double cost, String resultJson) {

    /** An attempt of a single-agent task. */
    public Attempt(int number, String agentId, long leasedAtMs, long finishedAtMs, String outcome, ErrorInfo error,
                   Double cost) {
        this(number, agentId, leasedAtMs, finishedAtMs, outcome, error, cost, null);
    }

    /** An attempt with no cost charged. */
    public Attempt(int number, String agentId, long leasedAtMs, long finishedAtMs, String outcome, ErrorInfo error) {
        this(number, agentId, leasedAtMs, finishedAtMs, outcome, error, null);
    }

    /** This attempt ended with {@code outcome}, charged {@code charge} cost units (null or 0: nothing). */
    Attempt finish(long nowMs, String outcome, ErrorInfo error, Double charge) {
        Double recorded = charge == null || charge == 0 ? cost : charge;
        return new Attempt(number, agentId, leasedAtMs, nowMs, outcome, error, recorded, resultJson);
    }
}
