package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The work an {@link AgentWorker} does for one leased task.
 *
 * <p>Called on its own virtual thread, concurrently with other tasks up to the worker's
 * {@code maxConcurrency}, so implementations must be thread-safe. A handler is interrupted when
 * Baton tells the agent to stop the attempt (cancelled, expired or reassigned) or when a drain
 * runs out of time; it should then return or throw promptly.
 */
@FunctionalInterface
public interface TaskHandler {

    /**
     * Runs the task and returns its output; throw {@link TaskFailure} to report a specific error,
     * any other exception reports {@code AGENT_ERROR} as retryable.
     */
    JsonNode handle(TaskContext ctx) throws Exception;
}
