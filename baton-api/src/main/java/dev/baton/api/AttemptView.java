package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One agent's run of a task; {@code outcome} is null while it runs. On a consensus or race task each entry is one
 * source's final attempt, numbered by source, with {@code sourceId} naming the source task.
 *
 * @param cost cost units charged for the attempt, null until its result arrived (attempts that expire or are
 *             cancelled without a result cost nothing)
 * @param result the output of a succeeded source (consensus and race tasks only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptView(int attempt, String agentId, String leasedAt, String finishedAt, String outcome,
                          ErrorInfo error, Double cost, JsonNode result, String sourceId) {

    /** A view of an attempt with no cost charged. */
    public AttemptView(int attempt, String agentId, String leasedAt, String finishedAt, String outcome,
                       ErrorInfo error) {
        this(attempt, agentId, leasedAt, finishedAt, outcome, error, null, null, null);
    }

    /** A view of an attempt of a single-agent task. */
    public AttemptView(int attempt, String agentId, String leasedAt, String finishedAt, String outcome,
                       ErrorInfo error, Double cost) {
        this(attempt, agentId, leasedAt, finishedAt, outcome, error, cost, null, null);
    }
}
