package dev.baton.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.core.route.RoutingPolicies;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code routing.policies} value: which router policy serves each capability, as a YAML map
 * ({@code {summarize: thompson}}) or a comma-separated text of {@code capability=policy} pairs (environment).
 * Converts to an immutable sorted {@code Map<String, String>}. Stateless.
 */
record PolicyMap() implements ValueKind {
    private static final int MAX_ENTRIES = 1_000;
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

    @Override
    public Object convert(JsonNode raw, Report report) {
        Map<String, String> policies = new TreeMap<>();
        if (raw.isTextual()) {
            for (String pair : raw.asText().split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    report.at("", new TextNode(pair.strip()), this).invalid("not a capability=policy pair");
                    continue;
                }
                put(pair.substring(0, eq).strip(), new TextNode(pair.substring(eq + 1).strip()), report, policies);
            }
        } else if (raw.isObject()) {
            raw.properties().forEach(e -> put(e.getKey(), e.getValue(), report, policies));
        } else {
            report.invalid("not a map of capability to policy");
            return null;
        }
        if (policies.size() > MAX_ENTRIES) {
            report.problem("has " + policies.size() + " entries; at most " + MAX_ENTRIES + " are allowed");
        }
        return report.failed() ? null : Map.copyOf(policies);
    }

    private static void put(String capability, JsonNode policy, Report report, Map<String, String> policies) {
        Report at = report.at("." + capability, policy, new ValueKind.Choice(RoutingPolicies.names()));
        if (!CAPABILITY.matcher(capability).matches()) {
            at.problem("'" + capability + "' is not a capability name (letters, digits and . _ : / -)");
            return;
        }
        Object name = new ValueKind.Choice(RoutingPolicies.names()).convert(policy, at);
        if (name != null) {
            policies.put(capability, (String) name);
        }
    }

    @Override
    public String accepted() {
        return "a map of capability to policy (" + String.join(", ", RoutingPolicies.names())
                + "), or capability=policy pairs separated by commas";
    }
}
