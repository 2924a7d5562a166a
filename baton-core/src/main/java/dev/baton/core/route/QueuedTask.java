package dev.baton.core.route;

import java.util.Map;
import java.util.Set;

/**
 * A task waiting for an agent, in dispatch order (the router keeps the order it is given).
 *
 * @param constraints labels an agent must carry with these exact values ({@code region=eu})
 * @param policy the policy the task asked for, or null for its capability's (or the default) policy
 * @param excludedAgents agents that must not take it (they hold or ran another source of the same fan-out)
 * @param underBudgetThreshold its tenant's spend this period is under the tenant's budget threshold (or it has
 *     none), so {@code cost_aware} may give it premium agents
 */
public record QueuedTask(String taskId, String capability, String tenant, Map<String, String> constraints,
                         String policy, Set<String> excludedAgents, boolean underBudgetThreshold) {

    public QueuedTask(String taskId, String capability, String tenant, Map<String, String> constraints,
                      String policy, Set<String> excludedAgents) {
        this(taskId, capability, tenant, constraints, policy, excludedAgents, true);
    }

    public QueuedTask {
        constraints = constraints == null ? Map.of() : Map.copyOf(constraints);
        excludedAgents = excludedAgents == null ? Set.of() : Set.copyOf(excludedAgents);
    }

    public QueuedTask(String taskId, String capability) {
        this(taskId, capability, null, Map.of(), null, Set.of());
    }

    /** This task with its tenant under (or past) its budget threshold. */
    public QueuedTask withUnderBudgetThreshold(boolean under) {
        return new QueuedTask(taskId, capability, tenant, constraints, policy, excludedAgents, under);
    }

    /** True if an agent with {@code labels} satisfies every constraint. */
    public boolean matches(Map<String, String> labels) {
        return Constraints.satisfiedBy(constraints, labels);
    }
}
