package dev.baton.server.config;

import static dev.baton.server.config.ConfigKey.ROUTING_DEFAULT_POLICY;
import static dev.baton.server.config.ConfigKey.ROUTING_POLICIES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.core.route.RoutingConfig;
import dev.baton.server.control.OrchestrationSettings;
import java.util.Map;

/** Resolves and prints the {@code routing} section. Stateless; used once per load. */
final class OrchestrationConfig {
    private OrchestrationConfig() {}

    /** The settings, or null when a key it reads is not usable (its problem is already reported). */
    static OrchestrationSettings resolve(Values values) {
        if (!values.usable(ROUTING_DEFAULT_POLICY) || !values.usable(ROUTING_POLICIES)) {
            return null;
        }
        OrchestrationSettings d = OrchestrationSettings.DEFAULTS;
        RoutingConfig routing = new RoutingConfig(values.get(ROUTING_DEFAULT_POLICY, d.routing().defaultPolicy()),
                values.get(ROUTING_POLICIES, Map.of()));
        return new OrchestrationSettings(routing, d.defaultStrategy(), d.maxConcurrentSources(),
                d.strategyTimeoutMs());
    }

    static void print(OrchestrationSettings s, ObjectNode root) {
        ObjectNode routing = root.putObject("routing");
        routing.put("defaultPolicy", s.routing().defaultPolicy());
        ObjectNode policies = routing.putObject("policies");
        new java.util.TreeMap<>(s.routing().byCapability()).forEach(policies::put);
    }
}
