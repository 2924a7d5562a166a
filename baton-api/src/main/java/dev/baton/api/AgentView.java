package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** An agent as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentView(String id, String name, List<String> capabilities, Map<String, String> labels,
                        int maxConcurrency, AgentState state, int activeTasks, String registeredAt,
                        String updatedAt) {}
