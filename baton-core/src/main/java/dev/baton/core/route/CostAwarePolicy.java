package dev.baton.core.route;

import dev.baton.api.AgentTier;
import java.util.List;

/**
 * {@code cost_aware}: premium-tier agents only while the task's tenant has spent less than its budget threshold in
 * the current period; after that, standard agents only. A task of a tenant past its threshold waits for a standard
 * agent rather than run on a premium one. Among the admissible agents it prefers premium ones while the tenant is
 * under its threshold, then picks the least loaded (ties rotate, as {@code least_loaded}).
 *
 * <p>The leader computes "under threshold" from the replicated spend ledger and the tenant's settings (the
 * threshold, else the budget, else always under) and hands it in with the task; this policy only reads it.
 * Single-threaded (control loop); its least-loaded cursor is soft state.
 */
final class CostAwarePolicy implements RoutingPolicy {
    static final String NAME = "cost_aware";
    private final LeastLoadedPolicy leastLoaded = new LeastLoadedPolicy();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Candidate> admissible(QueuedTask task, List<Candidate> candidates) {
        if (task.underBudgetThreshold()) {
            return candidates;
        }
        return candidates.stream().filter(c -> c.tier() == AgentTier.STANDARD).toList();
    }

    @Override
    public Candidate choose(QueuedTask task, List<Candidate> candidates, Draws draws) {
        List<Candidate> premium = task.underBudgetThreshold()
                ? candidates.stream().filter(c -> c.tier() == AgentTier.PREMIUM).toList() : List.of();
        return leastLoaded.choose(task, premium.isEmpty() ? candidates : premium, draws);
    }
}
