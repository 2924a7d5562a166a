package dev.baton.api;

/** Reply to a registration: the agent's id and the heartbeat contract it must keep. */
public record AgentRegistration(String id, long heartbeatIntervalMs, long leaseTimeoutMs) {}
