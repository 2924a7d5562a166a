package dev.baton.api;

import java.util.List;

/** Body of {@code POST /v1/agents/{id}/heartbeat}: the attempts the agent is working on (may be empty). */
public record HeartbeatRequest(List<TaskRef> tasks) {}
