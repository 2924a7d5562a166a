package dev.baton.api;

/**
 * The answer to {@code POST /v1/tasks/{id}/feedback}.
 *
 * @param agentsCredited how many agents' scores it changed: the agent that produced a single task's result, or
 *     the sources of a consensus or race task whose result equals the task's
 */
public record FeedbackView(String taskId, double score, int agentsCredited) {}
