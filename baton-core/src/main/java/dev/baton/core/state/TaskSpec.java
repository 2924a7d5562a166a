package dev.baton.core.state;

import dev.baton.api.RetryPolicy;
import dev.baton.api.Timeouts;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client asked for, validated and normalised by the leader before it enters the log.
 *
 * @param inputJson the input as compact JSON text (apply never parses it)
 * @param priority 1–5, higher first
 * @param idempotencyKey null when none; unique per tenant
 */
public record TaskSpec(String capability, String inputJson, int priority, String idempotencyKey, String tenant,
                       Map<String, String> labels, RetryPolicy retry, Timeouts timeouts) {
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 5;
    public static final int DEFAULT_PRIORITY = 3;
    public static final String DEFAULT_TENANT = "default";

    public TaskSpec {
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
        timeouts = timeouts == null ? dev.baton.api.Timeouts.NONE : timeouts;
        tenant = tenant == null ? DEFAULT_TENANT : tenant;
    }
}
