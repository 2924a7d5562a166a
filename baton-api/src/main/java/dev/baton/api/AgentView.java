package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * An agent as the API shows it; {@code costPerTask} in cost units.
 *
 * @param breaker its circuit breaker; null only in views built without one
 * @param tenant the only tenant whose tasks it takes (registered by that tenant's key or token); absent: any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentView(String id, String name, List<String> capabilities, Map<String, String> labels,
                        int maxConcurrency, AgentState state, int activeTasks, String registeredAt,
                        String updatedAt, double costPerTask, AgentTier tier, BreakerView breaker, String tenant) {

    /** A view of an agent that serves every tenant. */
    public AgentView(String id, String name, List<String> capabilities, Map<String, String> labels,
                     int maxConcurrency, AgentState state, int activeTasks, String registeredAt, String updatedAt,
                     double costPerTask, AgentTier tier, BreakerView breaker) {
        this(id, name, capabilities, labels, maxConcurrency, state, activeTasks, registeredAt, updatedAt, costPerTask,
                tier, breaker, null);
    }

    /** A view without a breaker. */
    public AgentView(String id, String name, List<String> capabilities, Map<String, String> labels,
                     int maxConcurrency, AgentState state, int activeTasks, String registeredAt, String updatedAt,
                     double costPerTask, AgentTier tier) {
        this(id, name, capabilities, labels, maxConcurrency, state, activeTasks, registeredAt, updatedAt, costPerTask,
                tier, null);
    }

    /** A view without cost or tier (costs nothing, standard tier). */
    public AgentView(String id, String name, List<String> capabilities, Map<String, String> labels,
                     int maxConcurrency, AgentState state, int activeTasks, String registeredAt, String updatedAt) {
        this(id, name, capabilities, labels, maxConcurrency, state, activeTasks, registeredAt, updatedAt, 0,
                AgentTier.STANDARD);
    }
}
