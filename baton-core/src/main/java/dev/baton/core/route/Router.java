package dev.baton.core.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Routes queued tasks to agents that are waiting for work: capability match, free slots, then least loaded with
 * round robin among equally loaded agents.
 *
 * <p>Pure and single-threaded: the leader's control loop owns one instance; its round-robin cursor is soft state
 * (not replicated), so a new leader starts it afresh. The leader proposes the result as commands, and apply
 * re-checks each lease, so a plan made on a slightly stale view is safe.
 */
public final class Router {
    private long roundRobinCursor;

    /** Assigns tasks, in the order given, to the eligible least-loaded agent; tasks no agent can take stay out. */
    public List<Assignment> assign(List<QueuedTask> tasks, List<AgentSlot> agents) {
        int[] taken = new int[agents.size()];
        List<Assignment> plan = new ArrayList<>();
        for (QueuedTask task : tasks) {
            int chosen = choose(task, agents, taken);
            if (chosen >= 0) {
                taken[chosen]++;
                plan.add(new Assignment(task.taskId(), agents.get(chosen).agentId()));
            }
        }
        return plan;
    }

    private int choose(QueuedTask task, List<AgentSlot> agents, int[] taken) {
        int n = agents.size();
        int best = -1;
        double bestLoad = Double.MAX_VALUE;
        long start = n == 0 ? 0 : Math.floorMod(roundRobinCursor, n);
        for (int k = 0; k < n; k++) {
            int i = (int) ((start + k) % n);
            AgentSlot agent = agents.get(i);
            if (!agent.capabilities().contains(task.capability()) || taken[i] >= agent.capacity()) {
                continue;
            }
            double load = agent.maxConcurrency() == 0 ? 1.0
                    : (double) (agent.active() + taken[i]) / agent.maxConcurrency();
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        if (best >= 0) {
            roundRobinCursor = best + 1L;
        }
        return best;
    }
}
