package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;

/** An agent's report of one attempt: {@code status} is {@code succeeded} (with output) or {@code failed} (with error). */
public record TaskResult(String taskId, int attempt, TaskState status, JsonNode output, ErrorInfo error) {}
