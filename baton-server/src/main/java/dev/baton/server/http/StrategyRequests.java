package dev.baton.server.http;

import dev.baton.api.Strategy;
import dev.baton.server.control.OrchestrationSettings;
import java.util.List;

/**
 * Validates a submission's {@code strategy} and fills in every default, so the strategy that enters the log is
 * complete: consensus 3 agents, a majority quorum, {@code json} comparison; race 2 agents; the server's timeout.
 * Every rejection names the field at fault. Stateless.
 */
final class StrategyRequests {
    static final int DEFAULT_CONSENSUS_AGENTS = 3;
    static final int DEFAULT_RACE_AGENTS = 2;
    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3_600;
    private static final List<String> KINDS = List.of(Strategy.SINGLE, Strategy.CONSENSUS, Strategy.RACE);
    private static final List<String> COMPARES = List.of(Strategy.COMPARE_EXACT, Strategy.COMPARE_JSON,
            Strategy.COMPARE_TEXT);

    private StrategyRequests() {}

    /** The complete strategy for a request's (possibly null) {@code strategy}. */
    static Strategy resolve(Strategy requested, OrchestrationSettings settings, String prefix) {
        String field = prefix + "strategy.";
        Strategy s = requested != null ? requested : settings.defaultStrategy();
        String kind = s.kind() == null ? Strategy.SINGLE : s.kind();
        if (!KINDS.contains(kind)) {
            throw ApiProblem.validation(field + "kind", "strategy.kind '" + kind + "' is not one of "
                    + String.join(", ", KINDS));
        }
        if (kind.equals(Strategy.SINGLE)) {
            if (s.agents() != null && s.agents() != 1) {
                throw ApiProblem.validation(field + "agents", "a single strategy runs on 1 agent; use consensus or "
                        + "race for more");
            }
            return Strategy.SINGLE_AGENT;
        }
        int agents = s.agents() != null ? s.agents()
                : kind.equals(Strategy.RACE) ? DEFAULT_RACE_AGENTS : DEFAULT_CONSENSUS_AGENTS;
        int max = settings.maxConcurrentSources();
        if (agents < 1 || agents > max) {
            throw ApiProblem.validation(field + "agents", "strategy.agents must be between 1 and " + max
                    + " (strategy.maxConcurrentSources), got " + agents);
        }
        int timeout = s.timeoutSeconds() != null ? s.timeoutSeconds()
                : (int) Math.min(MAX_TIMEOUT_SECONDS, settings.strategyTimeoutMs() / 1_000);
        if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
            throw ApiProblem.validation(field + "timeoutSeconds", "strategy.timeoutSeconds must be between 1 and "
                    + MAX_TIMEOUT_SECONDS + ", got " + timeout);
        }
        if (kind.equals(Strategy.RACE)) {
            if (s.quorum() != null || s.compare() != null) {
                throw ApiProblem.validation(field + (s.quorum() != null ? "quorum" : "compare"),
                        "quorum and compare apply to consensus only; a race takes the first success");
            }
            return new Strategy(kind, agents, null, null, timeout);
        }
        int quorum = s.quorum() != null ? s.quorum() : agents / 2 + 1;
        if (quorum < 1 || quorum > agents) {
            throw ApiProblem.validation(field + "quorum", "strategy.quorum must be between 1 and agents (" + agents
                    + "), got " + quorum);
        }
        String compare = s.compare() != null ? s.compare() : Strategy.COMPARE_JSON;
        if (!COMPARES.contains(compare)) {
            throw ApiProblem.validation(field + "compare", "strategy.compare '" + compare + "' is not one of "
                    + String.join(", ", COMPARES));
        }
        return new Strategy(kind, agents, quorum, compare, timeout);
    }
}
