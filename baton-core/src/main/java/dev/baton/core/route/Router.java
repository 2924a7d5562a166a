package dev.baton.core.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes queued tasks to agents that are waiting for work: capability and constraint (label) filter, then the
 * exclusions of fan-out sources and free slots, then the task's {@link RoutingPolicy} (its own, its capability's
 * or the default, see {@link RoutingConfig}). Agents whose circuit breaker is open are left out of the slots by the
 * caller.
 *
 * <p>Pure apart from the policies' soft state and single-threaded: the leader's control loop owns one instance; a
 * new leader starts afresh. The leader proposes the result as commands, and apply re-checks each lease, so a plan
 * made on a slightly stale view is safe.
 */
public final class Router {
    private final RoutingConfig config;
    private final Map<String, RoutingPolicy> policies = RoutingPolicies.instances();

    public Router() {
        this(RoutingConfig.DEFAULT);
    }

    public Router(RoutingConfig config) {
        this.config = config;
    }

    /** As {@link #assign(List, List, Draws)} for policies that never sample. */
    public List<Assignment> assign(List<QueuedTask> tasks, List<AgentSlot> agents) {
        return assign(tasks, agents, Draws.NONE);
    }

    /** Assigns tasks, in the order given, each to the agent its policy picks; tasks no agent can take stay out. */
    public List<Assignment> assign(List<QueuedTask> tasks, List<AgentSlot> agents, Draws draws) {
        int[] taken = new int[agents.size()];
        Map<String, Integer> indexById = new HashMap<>();
        // Agents by capability, in the order given, so a task only looks at the agents that offer its capability.
        Map<String, List<Integer>> offering = new HashMap<>();
        for (int i = 0; i < agents.size(); i++) {
            indexById.put(agents.get(i).agentId(), i);
            for (String capability : agents.get(i).capabilities()) {
                offering.computeIfAbsent(capability, c -> new ArrayList<>()).add(i);
            }
        }
        List<Assignment> plan = new ArrayList<>();
        for (QueuedTask task : tasks) {
            List<Candidate> candidates = new ArrayList<>();
            for (int i : offering.getOrDefault(task.capability(), List.of())) {
                AgentSlot agent = agents.get(i);
                if (taken[i] < agent.capacity() && agent.serves(task.tenant())
                        && !task.excludedAgents().contains(agent.agentId()) && task.matches(agent.labels())) {
                    candidates.add(new Candidate(agent.agentId(), agent.labels(), agent.active() + taken[i],
                            agent.maxConcurrency(), agent.score(task.capability()), agent.tier()));
                }
            }
            RoutingPolicy policy = policyFor(task);
            List<Candidate> admissible = candidates.isEmpty() ? List.of()
                    : policy.admissible(task, Collections.unmodifiableList(candidates));
            if (admissible.isEmpty()) {
                continue;
            }
            Candidate chosen = policy.choose(task, admissible, draws);
            taken[indexById.get(chosen.agentId())]++;
            plan.add(new Assignment(task.taskId(), chosen.agentId()));
        }
        return plan;
    }

    private RoutingPolicy policyFor(QueuedTask task) {
        return policies.get(config.policyFor(task.capability(), task.policy()));
    }
}
