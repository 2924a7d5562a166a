package dev.baton.core.route;

/**
 * What the cluster has observed of one agent on one capability, as routing policies read it.
 *
 * @param successes Beta posterior's success weight earned from results and feedback (prior excluded)
 * @param failures Beta posterior's failure weight (prior excluded)
 * @param meanLatencyMs mean lease-to-result time of its finished attempts, 0 if none
 * @param meanCost mean cost per task reported or declared, 0 if none
 */
public record AgentScore(double successes, double failures, double meanLatencyMs, double meanCost) {
    public static final AgentScore NONE = new AgentScore(0, 0, 0, 0);
}
