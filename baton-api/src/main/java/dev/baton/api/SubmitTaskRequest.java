package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Body of {@code POST /v1/tasks}. Only {@code capability} is required.
 *
 * @param maxAttempts shorthand for {@code retry.maxAttempts}; wins when both are given
 */
public record SubmitTaskRequest(String capability, JsonNode input, Integer priority, String idempotencyKey,
                                Integer maxAttempts, RetryPolicy retry, Timeouts timeouts,
                                Map<String, String> labels, String tenant) {
    /** The smallest valid request. */
    public static SubmitTaskRequest of(String capability, JsonNode input) {
        return new SubmitTaskRequest(capability, input, null, null, null, null, null, null, null);
    }
}
