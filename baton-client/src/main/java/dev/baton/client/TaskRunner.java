package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.baton.api.ErrorInfo;
import dev.baton.api.LeasedTask;
import dev.baton.api.TaskResult;
import dev.baton.api.TaskState;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs each leased task on its own virtual thread and queues its result for the reporter.
 *
 * <p>Threading: {@link #launch} is called by the poll thread with one slot of the shared
 * {@link Semaphore} already acquired for the task; the task's thread releases that slot after its
 * result is queued. Counters are atomic and may be read from any thread.
 */
final class TaskRunner {
    static final String AGENT_ERROR = "AGENT_ERROR";
    private static final int MAX_MESSAGE_CHARS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final TaskHandler handler;
    private final AgentSession session;
    private final RunningTasks running;
    private final ResultReporter reporter;
    private final Semaphore slots;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong stopped = new AtomicLong();
    private final AtomicLong awaitingInput = new AtomicLong();

    TaskRunner(TaskHandler handler, AgentSession session, RunningTasks running, ResultReporter reporter,
               Semaphore slots) {
        this.handler = handler;
        this.session = session;
        this.running = running;
        this.reporter = reporter;
        this.slots = slots;
    }

    /** Starts the task on a new virtual thread; the caller has acquired one slot for it. */
    void launch(LeasedTask lease, String agentId) {
        LeasedTaskContext ctx = new LeasedTaskContext(lease, session);
        Thread thread = Thread.ofVirtual().name("baton-task-" + lease.id()).unstarted(() -> run(ctx, agentId));
        ctx.bind(thread);
        running.add(ctx);
        thread.start();
    }

    /** Handlers that returned an output. */
    long completed() {
        return completed.get();
    }

    /** Handlers that threw, reported as failures. */
    long failed() {
        return failed.get();
    }

    /** Handlers that threw after being asked to stop; nothing was reported for them. */
    long stopped() {
        return stopped.get();
    }

    /** Handlers that asked for input ({@link InputRequested}); nothing was reported for them. */
    long awaitingInput() {
        return awaitingInput.get();
    }

    private void run(LeasedTaskContext ctx, String agentId) {
        MDC.put("agent_id", agentId);
        MDC.put("task_id", ctx.taskId());
        TaskResult result = null;
        try {
            log.debug("Running attempt {} of {}", ctx.attempt(), ctx.capability());
            JsonNode output = handler.handle(ctx);
            result = new TaskResult(ctx.taskId(), ctx.attempt(), TaskState.SUCCEEDED,
                    output == null ? NullNode.getInstance() : output, null, ctx.reportedCost());
            completed.incrementAndGet();
        } catch (InputRequested asked) {
            log.info("Attempt {} asked for input and ended", ctx.attempt());
            awaitingInput.incrementAndGet();
        } catch (TaskFailure f) {
            log.info("Task failed with {}: {}", f.code(), f.getMessage());
            result = failure(ctx, f.toErrorInfo());
        } catch (Throwable t) {
            if (ctx.stopRequested()) {
                log.info("Stopped attempt {} as asked", ctx.attempt());
                stopped.incrementAndGet();
            } else {
                log.warn("Handler threw on attempt {}", ctx.attempt(), t);
                result = failure(ctx, ErrorInfo.of(AGENT_ERROR, truncate(t.toString()), true));
            }
            if (t instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        } finally {
            running.remove(ctx);
            queue(result);
            slots.release();
            MDC.clear();
        }
    }

    private TaskResult failure(LeasedTaskContext ctx, ErrorInfo error) {
        failed.incrementAndGet();
        return new TaskResult(ctx.taskId(), ctx.attempt(), TaskState.FAILED, null, error, ctx.reportedCost());
    }

    private void queue(TaskResult result) {
        if (result == null) {
            return;
        }
        // A stop request may have left (or may still set) the interrupt flag on a handler that finished anyway.
        boolean interrupted = false;
        for (int tries = 0; ; tries++) {
            interrupted |= Thread.interrupted();
            try {
                reporter.enqueue(result);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                if (tries == 2) {
                    log.warn("Dropped the result of task {}: interrupted while queueing it", result.taskId());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
