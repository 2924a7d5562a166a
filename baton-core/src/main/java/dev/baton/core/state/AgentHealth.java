package dev.baton.core.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the cluster has observed of one agent: a {@link Score} per capability (for the {@code thompson} policy) and
 * its {@link Breaker}. Immutable; replicated and kept in snapshots; removed with the agent.
 */
public record AgentHealth(String agentId, Map<String, Score> scores, Breaker breaker) {
    public static final int MAX_CAPABILITIES = 256;

    public AgentHealth {
        scores = Collections.unmodifiableMap(new TreeMap<>(scores == null ? Map.of() : scores));
        breaker = breaker == null ? Breaker.CLOSED : breaker;
    }

    static AgentHealth empty(String agentId) {
        return new AgentHealth(agentId, Map.of(), Breaker.CLOSED);
    }

    public Score score(String capability) {
        return scores.getOrDefault(capability, Score.NONE);
    }

    AgentHealth withScore(String capability, Score score) {
        Map<String, Score> next = new TreeMap<>(scores);
        if (next.size() < MAX_CAPABILITIES || next.containsKey(capability)) {
            next.put(capability, score);
        }
        return new AgentHealth(agentId, next, breaker);
    }

    AgentHealth withBreaker(Breaker next) {
        return new AgentHealth(agentId, scores, next);
    }
}
