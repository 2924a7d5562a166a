package dev.baton.server.config;

import static dev.baton.server.config.ConfigKey.ROUTING_DEFAULT_POLICY;
import static dev.baton.server.config.ConfigKey.ROUTING_POLICIES;
import static dev.baton.server.config.ConfigKey.STRATEGY_DEFAULT_STRATEGY;
import static dev.baton.server.config.ConfigKey.STRATEGY_MAX_CONCURRENT_SOURCES;
import static dev.baton.server.config.ConfigKey.STRATEGY_TIMEOUT_SECONDS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.api.Strategy;
import dev.baton.core.route.RoutingConfig;
import dev.baton.server.control.OrchestrationSettings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Resolves and prints the {@code routing} and {@code strategy} sections. Stateless; used once per load. */
final class OrchestrationConfig {
    private OrchestrationConfig() {}

    /** The settings, or null when a key is not usable (its problem is already reported) or the keys disagree. */
    static OrchestrationSettings resolve(Values values, List<String> problems) {
        for (ConfigKey key : List.of(ROUTING_DEFAULT_POLICY, ROUTING_POLICIES, STRATEGY_DEFAULT_STRATEGY,
                STRATEGY_MAX_CONCURRENT_SOURCES, STRATEGY_TIMEOUT_SECONDS)) {
            if (!values.usable(key)) {
                return null;
            }
        }
        OrchestrationSettings d = OrchestrationSettings.DEFAULTS;
        RoutingConfig routing = new RoutingConfig(values.get(ROUTING_DEFAULT_POLICY, d.routing().defaultPolicy()),
                values.get(ROUTING_POLICIES, Map.of()));
        Strategy strategy = values.get(STRATEGY_DEFAULT_STRATEGY, d.defaultStrategy());
        int maxSources = values.port(STRATEGY_MAX_CONCURRENT_SOURCES, d.maxConcurrentSources());
        long timeoutSeconds = values.get(STRATEGY_TIMEOUT_SECONDS, d.strategyTimeoutMs() / 1_000);
        if (strategy.agents() != null && strategy.agents() > maxSources) {
            Setting setting = values.setting(STRATEGY_DEFAULT_STRATEGY, "");
            problems.add(setting.problem("", "asks for " + strategy.agents() + " agents, more than "
                    + values.setting(STRATEGY_MAX_CONCURRENT_SOURCES, (long) maxSources).describe()));
            return null;
        }
        return new OrchestrationSettings(routing, strategy, maxSources, timeoutSeconds * 1_000);
    }

    static void print(OrchestrationSettings s, ObjectNode root) {
        ObjectNode routing = root.putObject("routing");
        routing.put("defaultPolicy", s.routing().defaultPolicy());
        ObjectNode policies = routing.putObject("policies");
        new TreeMap<>(s.routing().byCapability()).forEach(policies::put);
        ObjectNode strategy = root.putObject("strategy");
        strategy.put("defaultStrategy", spec(s.defaultStrategy()));
        strategy.put("maxConcurrentSources", s.maxConcurrentSources());
        strategy.put("timeoutSeconds", s.strategyTimeoutMs() / 1_000);
    }

    /** The text form {@code kind[:agents[:quorum[:compare]]]}. */
    private static String spec(Strategy s) {
        StringBuilder text = new StringBuilder(s.kind());
        if (s.agents() != null) {
            text.append(':').append(s.agents());
            if (s.quorum() != null) {
                text.append(':').append(s.quorum());
                if (s.compare() != null) {
                    text.append(':').append(s.compare());
                }
            }
        }
        return text.toString();
    }
}
