package dev.baton.api;

import java.util.List;

/** Body of {@code POST /v1/agents/{id}/results}. */
public record ResultsRequest(List<TaskResult> results) {}
