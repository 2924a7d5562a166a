package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One agent's run of a task; {@code outcome} is null while it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttemptView(int attempt, String agentId, String leasedAt, String finishedAt, String outcome,
                          ErrorInfo error) {}
