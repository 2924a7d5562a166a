package dev.baton.api;

import java.util.List;

/** Reply to a heartbeat: the agent's state and the attempts it should stop (cancelled, expired or reassigned). */
public record HeartbeatResponse(AgentState state, List<TaskRef> stop) {}
