package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A task as the API shows it. Times are ISO-8601 UTC.
 *
 * @param constraints agent labels the task requires (absent when none)
 * @param strategy how many agents run it and how their results combine
 * @param policy the router policy it asked for (absent: its capability's or the default)
 * @param parentId for a source of a consensus or race task, that task's id
 * @param cost the sum of its attempts' costs in cost units (0 before any result)
 * @param inputs the questions its agents asked and their answers (empty unless it went through
 *     {@code awaiting_input}); the last one is pending while the task is {@code awaiting_input}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(String id, String capability, TaskState state, int priority, int attempt, int maxAttempts,
                       String tenant, String idempotencyKey, Map<String, String> labels, JsonNode input,
                       JsonNode result, ErrorInfo error, String agentId, String createdAt, String updatedAt,
                       String finishedAt, int staleResults, List<AttemptView> attempts, double cost,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> constraints,
                       Strategy strategy, String policy, String parentId, List<InputRoundView> inputs) {

    /** A view without input rounds. */
    public TaskView(String id, String capability, TaskState state, int priority, int attempt, int maxAttempts,
                    String tenant, String idempotencyKey, Map<String, String> labels, JsonNode input,
                    JsonNode result, ErrorInfo error, String agentId, String createdAt, String updatedAt,
                    String finishedAt, int staleResults, List<AttemptView> attempts, double cost,
                    Map<String, String> constraints, Strategy strategy, String policy, String parentId) {
        this(id, capability, state, priority, attempt, maxAttempts, tenant, idempotencyKey, labels, input, result,
                error, agentId, createdAt, updatedAt, finishedAt, staleResults, attempts, cost, constraints, strategy,
                policy, parentId, List.of());
    }

    /** A view with no cost charged and no orchestration fields. */
    public TaskView(String id, String capability, TaskState state, int priority, int attempt, int maxAttempts,
                    String tenant, String idempotencyKey, Map<String, String> labels, JsonNode input,
                    JsonNode result, ErrorInfo error, String agentId, String createdAt, String updatedAt,
                    String finishedAt, int staleResults, List<AttemptView> attempts) {
        this(id, capability, state, priority, attempt, maxAttempts, tenant, idempotencyKey, labels, input, result,
                error, agentId, createdAt, updatedAt, finishedAt, staleResults, attempts, 0, null, null, null, null,
                List.of());
    }
}
