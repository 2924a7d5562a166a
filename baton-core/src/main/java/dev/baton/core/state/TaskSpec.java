package dev.baton.core.state;

import dev.baton.api.RetryPolicy;
import dev.baton.api.Strategy;
import dev.baton.api.Timeouts;
import dev.baton.core.route.Constraints;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a client asked for, validated and normalised by the leader before it enters the log.
 *
 * @param inputJson the input as compact JSON text (apply never parses it)
 * @param priority 1–5, higher first
 * @param idempotencyKey null when none; unique per tenant
 * @param constraints agent labels required, matched exactly (empty: any agent)
 * @param policy the router policy the client asked for, or null
 * @param strategy how many agents run it; {@link Strategy#SINGLE_AGENT} when absent
 * @param parentId for a source of a consensus or race task: that task's id; else null
 */
public record TaskSpec(String capability, String inputJson, int priority, String idempotencyKey, String tenant,
                       Map<String, String> labels, RetryPolicy retry, Timeouts timeouts,
                       Map<String, String> constraints, String policy, Strategy strategy, String parentId) {
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 5;
    public static final int DEFAULT_PRIORITY = 3;
    public static final String DEFAULT_TENANT = "default";
    private static final Class<?> SORTED_COPY = Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

    public TaskSpec {
        labels = sorted(labels);
        constraints = sorted(constraints);
        // Defaults are shared instances, not per-task copies: a spec decoded from the log or a snapshot gets fresh
        // records from Jackson, and a million queued tasks would each hold their own.
        retry = retry == null || retry.equals(RetryPolicy.DEFAULT) ? RetryPolicy.DEFAULT : retry;
        timeouts = timeouts == null || timeouts.equals(Timeouts.NONE) ? Timeouts.NONE : timeouts;
        tenant = tenant == null || tenant.equals(DEFAULT_TENANT) ? DEFAULT_TENANT : tenant;
        strategy = strategy == null || strategy.equals(Strategy.SINGLE_AGENT) ? Strategy.SINGLE_AGENT : strategy;
    }

    public TaskSpec(String capability, String inputJson, int priority, String idempotencyKey, String tenant,
                    Map<String, String> labels, RetryPolicy retry, Timeouts timeouts) {
        this(capability, inputJson, priority, idempotencyKey, tenant, labels, retry, timeouts, null, null, null,
                null);
    }

    /** True if an agent carrying {@code agentLabels} satisfies every constraint. */
    public boolean allowsAgentWith(Map<String, String> agentLabels) {
        return Constraints.satisfiedBy(constraints, agentLabels);
    }

    /**
     * An immutable copy sorted by key. A map this method made is kept as it is, so a copy shared between specs stays
     * shared; so is any other read-only sorted view, which callers therefore must not hand in over a map they still
     * change (none in Baton does).
     */
    private static Map<String, String> sorted(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        if (map.getClass() == SORTED_COPY && ((SortedMap<String, String>) map).comparator() == null) {
            return map;
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
