package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Body of {@code POST /v1/tasks}. Only {@code capability} is required.
 *
 * @param maxAttempts shorthand for {@code retry.maxAttempts}; wins when both are given
 * @param constraints agent labels the task requires, matched exactly ({@code {"region":"eu"}}); {@code labels}
 *     only describe the task
 * @param strategy single, consensus or race; the server's default when absent
 * @param routing the router policy for this task; its capability's (or the default) when absent
 */
public record SubmitTaskRequest(String capability, JsonNode input, Integer priority, String idempotencyKey,
                                Integer maxAttempts, RetryPolicy retry, Timeouts timeouts,
                                Map<String, String> labels, String tenant, Map<String, String> constraints,
                                Strategy strategy, Routing routing) {

    public SubmitTaskRequest(String capability, JsonNode input, Integer priority, String idempotencyKey,
                             Integer maxAttempts, RetryPolicy retry, Timeouts timeouts, Map<String, String> labels,
                             String tenant) {
        this(capability, input, priority, idempotencyKey, maxAttempts, retry, timeouts, labels, tenant, null, null,
                null);
    }

    /** This request with {@code key} as its idempotency key, every other field kept. */
    public SubmitTaskRequest withIdempotencyKey(String key) {
        return new SubmitTaskRequest(capability, input, priority, key, maxAttempts, retry, timeouts, labels, tenant,
                constraints, strategy, routing);
    }

    /** This request run by {@code value}: {@code Strategy.consensus(5, 3, "json")}, {@code Strategy.race(2)}. */
    public SubmitTaskRequest withStrategy(Strategy value) {
        return new SubmitTaskRequest(capability, input, priority, idempotencyKey, maxAttempts, retry, timeouts, labels,
                tenant, constraints, value, routing);
    }

    /** This request restricted to agents carrying every label in {@code value} ({@code Map.of("region","eu")}). */
    public SubmitTaskRequest withConstraints(Map<String, String> value) {
        return new SubmitTaskRequest(capability, input, priority, idempotencyKey, maxAttempts, retry, timeouts, labels,
                tenant, value, strategy, routing);
    }

    /** This request routed by the policy named {@code value} ({@code least_loaded}, {@code round_robin}, ...). */
    public SubmitTaskRequest withPolicy(String value) {
        return new SubmitTaskRequest(capability, input, priority, idempotencyKey, maxAttempts, retry, timeouts, labels,
                tenant, constraints, strategy, value == null ? null : new Routing(value));
    }

    /** The smallest valid request. */
    public static SubmitTaskRequest of(String capability, JsonNode input) {
        return new SubmitTaskRequest(capability, input, null, null, null, null, null, null, null);
    }
}
