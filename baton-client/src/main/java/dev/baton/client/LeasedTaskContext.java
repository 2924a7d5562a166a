package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.baton.api.Costs;
import dev.baton.api.LeasedTask;
import dev.baton.api.TaskRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TaskContext} of one leased attempt and the handle used to stop it. Thread-safe: the
 * handler thread reads it while the heartbeat thread or a drain may call {@link #requestStop}.
 */
final class LeasedTaskContext implements TaskContext {
    private static final Logger log = LoggerFactory.getLogger(LeasedTaskContext.class);

    private final LeasedTask lease;
    private final TaskRef ref;
    private final AgentSession session;
    private volatile Thread thread;
    private volatile boolean stopRequested;
    private volatile Double reportedCost;

    LeasedTaskContext(LeasedTask lease, AgentSession session) {
        this.lease = lease;
        this.ref = new TaskRef(lease.id(), lease.attempt());
        this.session = session;
    }

    /** The attempt this context runs. */
    TaskRef ref() {
        return ref;
    }

    /** Records the thread running the handler so that {@link #requestStop} can interrupt it. */
    void bind(Thread handlerThread) {
        this.thread = handlerThread;
    }

    /** Asks the handler to stop: sets the flag and interrupts its thread. */
    void requestStop() {
        stopRequested = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public String taskId() {
        return lease.id();
    }

    @Override
    public int attempt() {
        return lease.attempt();
    }

    @Override
    public String capability() {
        return lease.capability();
    }

    @Override
    public JsonNode input() {
        return lease.input() == null ? NullNode.getInstance() : lease.input();
    }

    @Override
    public long heartbeatTimeoutMs() {
        return lease.heartbeatTimeoutMs();
    }

    @Override
    public boolean heartbeat() {
        try {
            session.taskHeartbeat(lease.id(), lease.attempt());
            return true;
        } catch (BatonException e) {
            log.debug("Heartbeat for task {} attempt {} failed: {}", lease.id(), lease.attempt(), e.getMessage());
            return false;
        }
    }

    @Override
    public java.util.List<dev.baton.api.InputRoundView> inputs() {
        return lease.inputs();
    }

    @Override
    public InputRequested requestInput(String prompt, JsonNode answerSchema, java.time.Duration timeout) {
        dev.baton.api.TaskView task = session.awaitInput(lease.id(), new dev.baton.api.AwaitInputRequest(
                lease.attempt(), prompt, answerSchema, timeout == null ? null : timeout.toMillis()));
        return new InputRequested(lease.id(), task.inputs().isEmpty() ? 0 : task.inputs().getLast().round());
    }

    @Override
    public void reportCost(double cost) {
        if (!Costs.isValid(cost)) {
            throw new IllegalArgumentException("cost must be from 0 to " + Costs.MAX_COST_PER_TASK + ", got " + cost);
        }
        reportedCost = cost;
    }

    /** The cost the handler reported, or null for none. */
    Double reportedCost() {
        return reportedCost;
    }

    @Override
    public boolean stopRequested() {
        return stopRequested;
    }
}
