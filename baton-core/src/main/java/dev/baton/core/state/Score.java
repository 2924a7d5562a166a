package dev.baton.core.state;

import dev.baton.core.route.AgentScore;

/**
 * What one agent has shown on one capability: the Beta posterior's evidence of success (results and feedback) and
 * running sums of latency and cost. Immutable; replicated (updated in apply, kept in snapshots).
 *
 * @param successes success weight: 1 per succeeded result, {@code score} per feedback
 * @param failures failure weight: 1 per failed or expired attempt, {@code 1 - score} per feedback
 * @param latencyMsSum lease-to-result time summed over {@code results}
 * @param costSum cost units charged, summed over {@code results}
 */
public record Score(double successes, double failures, long results, long latencyMsSum, double costSum) {
    public static final Score NONE = new Score(0, 0, 0, 0, 0);

    Score withResult(boolean succeeded, long latencyMs, double cost) {
        return new Score(successes + (succeeded ? 1 : 0), failures + (succeeded ? 0 : 1), results + 1,
                latencyMsSum + Math.max(0, latencyMs), costSum + Math.max(0, cost));
    }

    Score withFailure() {
        return new Score(successes, failures + 1, results, latencyMsSum, costSum);
    }

    Score withFeedback(double score) {
        return new Score(successes + score, failures + (1 - score), results, latencyMsSum, costSum);
    }

    /** The router's view; {@code declaredCost} stands in for the mean cost before any result. */
    public AgentScore view(double declaredCost) {
        return new AgentScore(successes, failures, results == 0 ? 0 : (double) latencyMsSum / results,
                results == 0 ? declaredCost : costSum / results);
    }
}
