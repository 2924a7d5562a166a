package dev.baton.api;

import java.util.Map;

/**
 * {@code GET /v1/stats}: counts over the replicated state, for dashboards and scripts.
 *
 * @param tasks tasks in the replicated state by state (every state present, zero included)
 * @param queues queued tasks per capability (capabilities with none queued are left out)
 * @param agents agents by state (every state present)
 * @param appliedIndex the log index the counts reflect on the node that answered
 */
public record StatsView(Map<TaskState, Integer> tasks, Map<String, Integer> queues, Map<AgentState, Integer> agents,
                        long appliedIndex) {}
