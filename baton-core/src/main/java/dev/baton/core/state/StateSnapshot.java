package dev.baton.core.state;

import java.util.List;
import java.util.Map;

/**
 * The primary data of a {@link BatonState}; indexes are rebuilt on load. Lists are sorted by id.
 *
 * @param health what was observed of each agent (scores, breaker); empty in snapshots written before it existed
 * @param feedback feedback scores by task id, sorted
 */
public record StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks,
                            List<ApiKey> apiKeys, List<AgentHealth> health, Map<String, Double> feedback) {
    public static final int FORMAT_VERSION = 1;

    public StateSnapshot {
        health = health == null ? List.of() : health;
        feedback = feedback == null ? Map.of() : feedback;
    }

    public StateSnapshot(int formatVersion, long nextSeq, List<Agent> agents, List<Task> tasks,
                         List<ApiKey> apiKeys) {
        this(formatVersion, nextSeq, agents, tasks, apiKeys, List.of(), Map.of());
    }
}
