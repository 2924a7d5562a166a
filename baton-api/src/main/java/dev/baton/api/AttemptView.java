package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One agent's run of a task; {@code outcome} is null while it runs.
 *
 * @param cost cost units charged for the attempt, null until its result arrived (attempts that expire or are
 *             cancelled without a result cost nothing)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptView(int attempt, String agentId, String leasedAt, String finishedAt, String outcome,
                          ErrorInfo error, Double cost) {

    /** A view of an attempt with no cost charged. */
    public AttemptView(int attempt, String agentId, String leasedAt, String finishedAt, String outcome,
                       ErrorInfo error) {
        this(attempt, agentId, leasedAt, finishedAt, outcome, error, null);
    }
}
