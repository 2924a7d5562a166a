package dev.baton.server.http;

import dev.baton.api.RetryPolicy;
import dev.baton.api.Strategy;
import dev.baton.api.SubmitTaskRequest;
import dev.baton.api.Timeouts;
import dev.baton.core.route.RoutingPolicies;
import dev.baton.core.state.TaskSpec;
import dev.baton.server.control.OrchestrationSettings;
import java.util.Map;
import java.util.regex.Pattern;

/** Validates submissions and turns them into {@link TaskSpec}s; every rejection names the field at fault. */
final class TaskRequests {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    static final int MAX_IDEMPOTENCY_KEY_CHARS = 256;
    static final int MAX_LABELS = 32;
    static final long MAX_TIMEOUT_MS = 7L * 24 * 3_600_000;

    private TaskRequests() {}

    /** As {@link #toSpec(SubmitTaskRequest, String, OrchestrationSettings, String)} with the built-in defaults. */
    static TaskSpec toSpec(SubmitTaskRequest r, String prefix) {
        return toSpec(r, prefix, OrchestrationSettings.DEFAULTS, r.tenant());
    }

    /**
     * The spec for {@code r}, strategy defaults taken from {@code orchestration}, in {@code tenantOrNull} (null: the
     * default tenant) in place of the body's tenant; field names start with prefix.
     */
    static TaskSpec toSpec(SubmitTaskRequest r, String prefix, OrchestrationSettings orchestration,
                           String tenantOrNull) {
        String capability = requireName(r.capability(), prefix + "capability");
        int priority = r.priority() == null ? TaskSpec.DEFAULT_PRIORITY : r.priority();
        if (priority < TaskSpec.MIN_PRIORITY || priority > TaskSpec.MAX_PRIORITY) {
            throw ApiProblem.validation(prefix + "priority", "priority must be between 1 and 5, got " + priority);
        }
        if (r.idempotencyKey() != null
                && (r.idempotencyKey().isBlank() || r.idempotencyKey().length() > MAX_IDEMPOTENCY_KEY_CHARS)) {
            throw ApiProblem.validation(prefix + "idempotencyKey", "idempotencyKey must be 1 to "
                    + MAX_IDEMPOTENCY_KEY_CHARS + " characters");
        }
        String tenant = tenantOrNull == null ? TaskSpec.DEFAULT_TENANT : requireName(tenantOrNull, prefix + "tenant");
        RetryPolicy retry = (r.retry() == null ? RetryPolicy.DEFAULT : r.retry()).withDefaults();
        if (r.maxAttempts() != null) {
            retry = new RetryPolicy(r.maxAttempts(), retry.initialBackoffMs(), retry.backoffMultiplier(),
                    retry.maxBackoffMs(), retry.nonRetryableErrorCodes());
        }
        if (retry.maxAttempts() < 1 || retry.maxAttempts() > RetryPolicy.MAX_ATTEMPTS_LIMIT) {
            throw ApiProblem.validation(prefix + "maxAttempts", "maxAttempts must be between 1 and "
                    + RetryPolicy.MAX_ATTEMPTS_LIMIT + ", got " + retry.maxAttempts());
        }
        Timeouts timeouts = r.timeouts() == null ? Timeouts.NONE : r.timeouts();
        checkTimeout(timeouts.scheduleToStartMs(), prefix + "timeouts.scheduleToStartMs");
        checkTimeout(timeouts.startToCloseMs(), prefix + "timeouts.startToCloseMs");
        checkTimeout(timeouts.heartbeatMs(), prefix + "timeouts.heartbeatMs");
        Map<String, String> labels = r.labels() == null ? Map.of() : r.labels();
        checkLabels(labels, prefix + "labels");
        Map<String, String> constraints = r.constraints() == null ? Map.of() : r.constraints();
        checkLabels(constraints, prefix + "constraints");
        String policy = r.routing() == null ? null : r.routing().policy();
        if (policy != null && !RoutingPolicies.exists(policy)) {
            throw ApiProblem.validation(prefix + "routing.policy", "routing.policy '" + policy + "' is not one of "
                    + String.join(", ", RoutingPolicies.names()));
        }
        Strategy strategy = StrategyRequests.resolve(r.strategy(), orchestration, prefix);
        String input = r.input() == null ? "null" : Json.text(r.input());
        return new TaskSpec(capability, input, priority, r.idempotencyKey(), tenant, labels, retry, timeouts,
                constraints, policy, strategy, null);
    }

    static String requireName(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.validation(field, field + " is required");
        }
        if (!NAME.matcher(value).matches()) {
            throw ApiProblem.validation(field, field + " '" + value + "' must be 1-128 characters of letters, digits "
                    + "and . _ : / - (starting with a letter or digit)");
        }
        return value;
    }

    static void checkLabels(Map<String, String> labels, String field) {
        if (labels.size() > MAX_LABELS) {
            throw ApiProblem.validation(field, "at most " + MAX_LABELS + " labels are allowed");
        }
        labels.forEach((k, v) -> {
            requireName(k, field + "." + k);
            if (v == null || v.length() > 256) {
                throw ApiProblem.validation(field + "." + k, "label values must be 0-256 characters");
            }
        });
    }

    private static void checkTimeout(long value, String field) {
        if (value < 0 || value > MAX_TIMEOUT_MS) {
            throw ApiProblem.validation(field, field + " must be between 0 (none) and " + MAX_TIMEOUT_MS
                    + " ms, got " + value);
        }
    }
}
