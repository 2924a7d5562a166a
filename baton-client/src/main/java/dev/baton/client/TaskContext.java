package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.InputRoundView;
import java.time.Duration;
import java.util.List;

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

    /** Questions earlier attempts of this task asked and their answers, oldest first; empty when none were asked. */
    default List<InputRoundView> inputs() {
        return List.of();
    }

    /** The answer to the latest question this task asked, or null when it never asked one. */
    default JsonNode answer() {
        List<InputRoundView> asked = inputs();
        return asked.isEmpty() ? null : asked.getLast().answer();
    }

    /**
     * Asks a human (or another system) a question and gives up this attempt: the task waits in
     * {@code awaiting_input} until {@code POST /v1/tasks/{id}/input} brings an answer that satisfies
     * {@code answerSchema} (a JSON Schema), then runs again as a new attempt, on this agent or another, whose
     * {@link #answer()} holds it. Throw what this returns: {@code throw ctx.requestInput("Approve?", schema);}
     * — the worker then reports nothing for this attempt.
     *
     * @param timeout how long to wait for the answer before the task ends {@code timed_out} ({@code
     *     INPUT_TIMEOUT}); null or zero waits until answered or cancelled
     * @throws BatonApiException when Baton refused (400: bad prompt or schema; 409: the attempt is no longer live)
     */
    default InputRequested requestInput(String prompt, JsonNode answerSchema, Duration timeout) {
        throw new UnsupportedOperationException("this TaskContext cannot ask for input");
    }

    /** {@link #requestInput(String, JsonNode, Duration)} without a deadline for the answer. */
    default InputRequested requestInput(String prompt, JsonNode answerSchema) {
        return requestInput(prompt, answerSchema, null);
    }
}
