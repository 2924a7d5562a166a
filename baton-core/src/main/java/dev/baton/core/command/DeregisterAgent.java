package dev.baton.core.command;

/** Removes an agent; attempts it still holds end with {@code AGENT_DEREGISTERED} and may be retried. */
public record DeregisterAgent(String agentId, long nowMs) implements Command {}
