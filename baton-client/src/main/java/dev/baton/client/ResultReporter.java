package dev.baton.client;

import dev.baton.api.AgentRegistration;
import dev.baton.api.ResultsResponse;
import dev.baton.api.TaskResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends task results to Baton in batches of what accumulated, at most {@link #MAX_BATCH} per
 * request. The transport fails a batch over to another node itself (a report is safe to repeat);
 * when even that gives up, this class keeps the batch and sends it again after a backoff.
 *
 * <p>Per-result outcomes: the server answers a repeat of a result it already recorded for this
 * agent and attempt as {@code accepted}, so a batch sent again after a lost reply counts as
 * accepted, not as an error. A {@code rejected} result (stale attempt, already finished, not
 * leased to this agent, unknown task) is done with as well: it is logged, counted in
 * {@link #rejected()} and never sent again, since no resend could change the answer. Only a
 * failure of the whole request is retried.
 *
 * <p>Threading: handler threads call {@link #enqueue}, which blocks when {@link #MAX_QUEUED}
 * results wait (back-pressure that stops polling, since the handler still holds its slot); one
 * virtual thread sends. {@link #close} flushes, then gives up after the flush timeout.
 */
final class ResultReporter {
    static final int MAX_BATCH = 256;
    static final int MAX_QUEUED = 4_096;
    private static final Logger log = LoggerFactory.getLogger(ResultReporter.class);

    private final AgentSession session;
    private final Consumer<BatonException> onFatal;
    private final Consumer<List<String>> onAccepted;
    private final BlockingQueue<TaskResult> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closing;
    private Thread thread;

    ResultReporter(AgentSession session, Consumer<BatonException> onFatal) {
        this(session, onFatal, ids -> { });
    }

    /** As above; {@code onAccepted} receives the task ids of each reply's accepted results, on the sending thread. */
    ResultReporter(AgentSession session, Consumer<BatonException> onFatal, Consumer<List<String>> onAccepted) {
        this.session = session;
        this.onFatal = onFatal;
        this.onAccepted = onAccepted;
    }

    /** Starts the sending thread. */
    void start() {
        thread = Thread.ofVirtual().name("baton-results").start(this::run);
    }

    /** Queues a result for the next batch; blocks while the queue is full. */
    void enqueue(TaskResult result) throws InterruptedException {
        queue.put(result);
    }

    /** Results Baton accepted so far. */
    long accepted() {
        return accepted.get();
    }

    /** Results Baton rejected so far (stale attempt, unknown task, already finished). */
    long rejected() {
        return rejected.get();
    }

    /** Sends what is queued, waiting at most {@code flushTimeout}, then stops the thread. */
    void close(Duration flushTimeout) throws InterruptedException {
        closing = true;
        if (thread == null) {
            return;
        }
        if (!thread.join(flushTimeout)) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(1));
        }
    }

    private void run() {
        Backoff backoff = Backoff.reconnect();
        List<TaskResult> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (true) {
                if (batch.isEmpty()) {
                    TaskResult first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                if (send(batch, backoff)) {
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            int lost = batch.size() + queue.size();
            if (lost > 0) {
                log.warn("Stopped before reporting {} results; Baton will retry those attempts", lost);
            }
        } finally {
            MDC.clear();
        }
    }

    /** Sends one batch; true when it is done with (sent, or dropped as unsendable), false to retry it. */
    private boolean send(List<TaskResult> batch, Backoff backoff) throws InterruptedException {
        AgentRegistration registration = session.current();
        MDC.put("agent_id", registration.id());
        try {
            ResultsResponse reply = session.report(registration.id(), List.copyOf(batch));
            backoff.reset();
            record(reply, batch.size());
            return true;
        } catch (BatonApiException e) {
            if (e.status() == 404) {
                reRegister(registration.id(), backoff);
                return false;
            }
            if (e.isAuthFailure()) {
                onFatal.accept(e);
                return true;
            }
            if (e.isRejected() && e.status() != 408 && e.status() != 429) {
                log.error("Baton refused a batch of {} results, dropping it: {}", batch.size(), e.getMessage());
                return true;
            }
            log.warn("Reporting {} results failed, will retry: {}", batch.size(), e.getMessage());
            backoff.pause();
            return false;
        } catch (BatonUnavailableException e) {
            if (!Thread.currentThread().isInterrupted()) {
                log.warn("Reporting {} results failed, will retry: {}", batch.size(), e.getMessage());
            }
            backoff.pause();
            return false;
        }
    }

    private void reRegister(String staleId, Backoff backoff) throws InterruptedException {
        try {
            session.reRegister(staleId);
        } catch (BatonApiException e) {
            if (e.isAuthFailure()) {
                onFatal.accept(e);
            }
            backoff.pause();
        } catch (BatonUnavailableException e) {
            backoff.pause();
        }
    }

    private void record(ResultsResponse reply, int sent) {
        if (reply == null) {
            accepted.addAndGet(sent);
            return;
        }
        if (reply.accepted() != null) {
            accepted.addAndGet(reply.accepted().size());
            if (!reply.accepted().isEmpty()) {
                try {
                    onAccepted.accept(reply.accepted());
                } catch (RuntimeException e) {
                    log.warn("The onResultsAccepted listener threw; reporting goes on", e);
                }
            }
        }
        if (reply.rejected() != null && !reply.rejected().isEmpty()) {
            rejected.addAndGet(reply.rejected().size());
            for (ResultsResponse.RejectedResult r : reply.rejected()) {
                log.info("Baton rejected the result of task {}: {}", r.taskId(), r.reason());
            }
        }
    }
}
