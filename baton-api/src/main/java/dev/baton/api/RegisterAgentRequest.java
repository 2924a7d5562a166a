package dev.baton.api;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/agents}.
 *
 * @param costPerTask cost units charged for each attempt whose result does not report its own cost (default 0)
 * @param tier {@code standard} (default) or {@code premium}
 */
public record RegisterAgentRequest(String name, List<String> capabilities, Integer maxConcurrency,
                                   Map<String, String> labels, Double costPerTask, AgentTier tier) {

    /** A request without cost or tier: costs nothing, standard tier. */
    public RegisterAgentRequest(String name, List<String> capabilities, Integer maxConcurrency,
                                Map<String, String> labels) {
        this(name, capabilities, maxConcurrency, labels, null, null);
    }
}
