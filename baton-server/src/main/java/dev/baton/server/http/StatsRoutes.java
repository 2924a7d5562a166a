package dev.baton.server.http;

import dev.baton.api.AgentState;
import dev.baton.api.StatsView;
import dev.baton.api.TaskState;
import dev.baton.core.state.Agent;
import dev.baton.server.auth.Access;
import dev.baton.server.state.StateStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /v1/stats}: task counts by state, queue depths and agents by state, read under one lock. */
final class StatsRoutes {
    private final StateStore store;

    StatsRoutes(StateStore store) {
        this.store = store;
    }

    void register(RouteTable table) {
        table.get("/v1/stats", Access.READ, (ctx, p) -> Reply.json(ctx, stats()));
    }

    StatsView stats() {
        return store.read(s -> {
            Map<TaskState, Integer> tasks = new EnumMap<>(TaskState.class);
            for (TaskState state : TaskState.values()) {
                tasks.put(state, s.countInState(state));
            }
            Map<AgentState, Integer> agents = new EnumMap<>(AgentState.class);
            for (AgentState state : AgentState.values()) {
                agents.put(state, 0);
            }
            for (Agent agent : s.agents()) {
                agents.merge(agent.state(), 1, Integer::sum);
            }
            Map<String, Integer> queues = new TreeMap<>();
            s.queueDepths().forEach((capability, depth) -> {
                if (depth > 0) {
                    queues.put(capability, depth);
                }
            });
            return new StatsView(tasks, queues, agents, store.appliedIndex());
        });
    }
}
