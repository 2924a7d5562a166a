package dev.baton.core.command;

import dev.baton.api.AgentState;

/**
 * Moves an agent to {@code ready}, {@code draining} or {@code down}. Going {@code down} ends every attempt the agent
 * holds with {@code AGENT_DOWN}, which the task's retry policy may requeue at once.
 */
public record SetAgentState(String agentId, AgentState state, String reason, long nowMs) implements Command {}
