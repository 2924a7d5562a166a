package dev.baton.core.route;

/** Route task {@code taskId} to agent {@code agentId}. */
public record Assignment(String taskId, String agentId) {}
