package dev.baton.core.route;

import java.util.Map;

/**
 * Which policy routes a task when it names none: {@code byCapability} first, then {@code defaultPolicy}. Both are
 * checked against {@link RoutingPolicies#names()} when the server config is loaded. Immutable.
 */
public record RoutingConfig(String defaultPolicy, Map<String, String> byCapability) {
    public static final RoutingConfig DEFAULT = new RoutingConfig(RoutingPolicies.DEFAULT, Map.of());

    public RoutingConfig {
        defaultPolicy = defaultPolicy == null ? RoutingPolicies.DEFAULT : defaultPolicy;
        byCapability = byCapability == null ? Map.of() : Map.copyOf(byCapability);
    }

    /** The policy for a task: its own if known, else its capability's, else the default. */
    public String policyFor(String capability, String requested) {
        if (requested != null && RoutingPolicies.exists(requested)) {
            return requested;
        }
        String configured = byCapability.get(capability);
        return configured != null && RoutingPolicies.exists(configured) ? configured : defaultPolicy;
    }
}
