package dev.baton.server.control;

import dev.baton.api.Strategy;
import dev.baton.core.route.RoutingConfig;

/**
 * The leader's orchestration defaults: routing policies, the strategy of tasks that name none, and limits on
 * fan-out. Immutable.
 *
 * @param defaultStrategy used when a submission has no {@code strategy}
 * @param maxConcurrentSources the most agents one consensus or race task may fan out to
 * @param strategyTimeoutMs a consensus or race task that has not decided by then ends {@code timed_out}
 */
public record OrchestrationSettings(RoutingConfig routing, Strategy defaultStrategy, int maxConcurrentSources,
                                    long strategyTimeoutMs) {
    public static final int DEFAULT_MAX_CONCURRENT_SOURCES = 15;
    public static final long DEFAULT_STRATEGY_TIMEOUT_MS = 300_000;
    public static final OrchestrationSettings DEFAULTS = new OrchestrationSettings(RoutingConfig.DEFAULT,
            Strategy.SINGLE_AGENT, DEFAULT_MAX_CONCURRENT_SOURCES, DEFAULT_STRATEGY_TIMEOUT_MS);
}
