package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Body of {@code POST /v1/workflows}: a DAG of steps, each a task spec as in {@code POST /v1/tasks} whose
 * {@code input} is a template (see {@code docs/orchestration.md#workflows}). Only {@code steps} is required.
 *
 * @param input what templates read as {@code workflow.input}
 * @param failFast true (the default): the first failed step cancels the running ones and skips the rest; false:
 *     only steps that depend on a failed one are skipped
 * @param idempotencyKey submitting the same key (per tenant) again returns the existing workflow
 * @param tenant the tenant of the workflow and of every step's task
 */
public record SubmitWorkflowRequest(String name, JsonNode input, Boolean failFast, String idempotencyKey,
                                    String tenant, List<Step> steps) {

    /** One step: its id, the steps it waits for, and the task it runs. */
    public record Step(String id, List<String> dependsOn, SubmitTaskRequest task) {}

    /** This request with {@code key} as its idempotency key. */
    public SubmitWorkflowRequest withIdempotencyKey(String key) {
        return new SubmitWorkflowRequest(name, input, failFast, key, tenant, steps);
    }
}
