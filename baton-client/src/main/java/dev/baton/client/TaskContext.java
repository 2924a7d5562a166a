package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@link TaskHandler} knows about the attempt it runs. Implementations given by
 * {@link AgentWorker} are safe to use from any thread for as long as the handler runs.
 */
public interface TaskContext {

    /** The task's id. */
    String taskId();

    /** The attempt number, 1 for the first run; results are fenced by it. */
    int attempt();

    /** The capability the task asked for. */
    String capability();

    /** The task's input, possibly a JSON null. */
    JsonNode input();

    /** The longest the attempt may go without a heartbeat before Baton fails it, 0 for no limit. */
    long heartbeatTimeoutMs();

    /**
     * Tells Baton the attempt is still alive; false when the heartbeat did not reach it or was refused.
     * While the node in use is down this fails over to the others and may block for up to the worker's
     * failover window.
     */
    boolean heartbeat();

    /**
     * Reports what this attempt actually cost, in cost units (for example tokens used x price); it is sent with
     * the result and wins over the worker's {@code costPerTask}. The last call before the handler ends counts,
     * on success and on failure.
     *
     * @throws IllegalArgumentException unless {@code cost} is finite and from 0 to
     *         {@link dev.baton.api.Costs#MAX_COST_PER_TASK}
     */
    void reportCost(double cost);

    /** True once Baton or a drain asked this attempt to stop; the handler thread is interrupted as well. */
    boolean stopRequested();
}
