package dev.baton.core.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in routing policies by name. Add a policy by adding one entry here (its class in its own file).
 * Stateless; each {@link Router} makes its own instances because policies keep soft state.
 */
public final class RoutingPolicies {
    private static final Map<String, Supplier<RoutingPolicy>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put(LeastLoadedPolicy.NAME, LeastLoadedPolicy::new);
        BUILT_IN.put(RoundRobinPolicy.NAME, RoundRobinPolicy::new);
        BUILT_IN.put(ThompsonPolicy.NAME, ThompsonPolicy::new);
        BUILT_IN.put(CostAwarePolicy.NAME, CostAwarePolicy::new);
    }

    /** The default policy's name. */
    public static final String DEFAULT = LeastLoadedPolicy.NAME;

    private RoutingPolicies() {}

    /** Every policy name, in the order docs list them. */
    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    public static boolean exists(String name) {
        return BUILT_IN.containsKey(name);
    }

    /** A fresh instance of each policy, by name. */
    static Map<String, RoutingPolicy> instances() {
        Map<String, RoutingPolicy> all = new LinkedHashMap<>();
        BUILT_IN.forEach((name, make) -> all.put(name, make.get()));
        return all;
    }
}
