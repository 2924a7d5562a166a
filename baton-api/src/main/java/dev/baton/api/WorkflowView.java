package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A workflow as the API shows it. Times are ISO-8601 UTC.
 *
 * @param reason why it failed or was cancelled
 * @param steps every step in the submitted order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowView(String id, String name, WorkflowState state, String tenant, boolean failFast,
                           String idempotencyKey, JsonNode input, String createdAt, String updatedAt,
                           String finishedAt, String reason, List<Step> steps) {

    /**
     * One step.
     *
     * @param taskId its task, once created
     * @param taskState its task's state while {@code started} (queued, leased, running, awaiting_input)
     * @param output its task's result once it succeeded
     * @param error why it failed, was cancelled or skipped
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String id, StepState state, List<String> dependsOn, String capability, String taskId,
                       TaskState taskState, JsonNode output, ErrorInfo error) {}
}
