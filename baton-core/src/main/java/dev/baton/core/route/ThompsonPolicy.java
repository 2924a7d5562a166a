package dev.baton.core.route;

import java.util.List;

/**
 * Thompson sampling over each candidate's Beta posterior of success on the task's capability (prior Beta(1, 1);
 * evidence from results, expiries and feedback), with latency and cost folded into the utility:
 *
 * <pre>utility = θ − COST_WEIGHT · cost / maxCost − LATENCY_WEIGHT · latency / maxLatency</pre>
 *
 * where θ is the sampled success probability and the maxima are over the candidates (so the penalties are relative
 * and unit-free). The candidate with the highest utility wins. An agent seen little has a wide posterior and is
 * tried now and then; one that keeps failing is sampled low and left alone. Cost is the agent's mean charged cost
 * per result, or its declared {@code costPerTask} before it has any.
 *
 * <p>Stateless apart from the draws, which come from the leader's seeded generator.
 */
final class ThompsonPolicy implements RoutingPolicy {
    static final String NAME = "thompson";
    /** How much a cost at the candidates' maximum lowers the utility (a success probability, 0-1). */
    static final double COST_WEIGHT = 0.10;
    /** How much a latency at the candidates' maximum lowers the utility. */
    static final double LATENCY_WEIGHT = 0.05;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Candidate choose(QueuedTask task, List<Candidate> candidates, Draws draws) {
        double maxCost = 0;
        double maxLatency = 0;
        for (Candidate c : candidates) {
            maxCost = Math.max(maxCost, c.score().meanCost());
            maxLatency = Math.max(maxLatency, c.score().meanLatencyMs());
        }
        Candidate best = null;
        double bestUtility = Double.NEGATIVE_INFINITY;
        for (Candidate c : candidates) {
            AgentScore s = c.score();
            double theta = BetaSampler.beta(1 + s.successes(), 1 + s.failures(), draws);
            double utility = theta
                    - (maxCost > 0 ? COST_WEIGHT * s.meanCost() / maxCost : 0)
                    - (maxLatency > 0 ? LATENCY_WEIGHT * s.meanLatencyMs() / maxLatency : 0);
            if (utility > bestUtility) {
                best = c;
                bestUtility = utility;
            }
        }
        return best;
    }
}
