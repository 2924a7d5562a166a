package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An agent's report of one attempt: {@code status} is {@code succeeded} (with output) or {@code failed} (with error).
 *
 * @param cost what the attempt actually cost in cost units (say tokens x price); null charges the agent's
 *             declared {@code costPerTask}
 */
public record TaskResult(String taskId, int attempt, TaskState status, JsonNode output, ErrorInfo error,
                         Double cost) {

    /** A result that reports no cost of its own. */
    public TaskResult(String taskId, int attempt, TaskState status, JsonNode output, ErrorInfo error) {
        this(taskId, attempt, status, output, error, null);
    }
}
