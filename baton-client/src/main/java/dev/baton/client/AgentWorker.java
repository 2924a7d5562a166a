package dev.baton.client;

import dev.baton.api.AgentRegistration;
import dev.baton.api.AgentTier;
import dev.baton.api.Costs;
import dev.baton.api.RegisterAgentRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent SDK: registers with Baton, long-polls for tasks, runs each with a {@link TaskHandler},
 * reports results in batches, heartbeats, and drains on shutdown.
 *
 * <p>Implementation notes: four kinds of virtual threads cooperate. The poll thread registers,
 * then asks for at most as many tasks as there are free slots of a {@code Semaphore(maxConcurrency)}
 * and never polls while all are busy. Each task runs on its own thread and frees its slot after
 * queueing its result. The reporter thread sends the queued results in batches of up to 256,
 * retrying on I/O errors. The heartbeat thread sends the running attempts every
 * {@code heartbeatIntervalMs} and interrupts the handlers Baton asks to stop. A 404 for the agent
 * makes whichever thread sees it register again (new id); connection failures back off from
 * 100 ms doubling to 5 s with jitter. A 401/403 stops the worker and is kept in {@link #failure()}.
 *
 * <p>Several nodes: all four threads share one {@code HttpTransport}, which sticks to one node and
 * fails over to the others (rules on that class), so when the node dies or loses leadership the
 * handlers keep running, and heartbeats, results and polls go to the next node under the same agent
 * id (the registration is replicated). The agent registers again only when a node answers that it
 * does not know the agent (404), or marks it down, as on a single node.
 *
 * <p>Threading contract: all public methods are thread-safe. {@link #shutdown} and
 * {@link #close} block until the drain finished; a second call waits for the first. Logging uses
 * the MDC keys {@code agent_id} and {@code task_id}.
 */
public final class AgentWorker implements AutoCloseable {
    /** Drain time used by {@link #close()}. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(30);
    static final Duration RESULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);
    static final Duration STOPPED_HANDLER_GRACE = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(AgentWorker.class);

    private final String name;
    private final int maxConcurrency;
    private final Duration drainTimeout;
    private final Duration requestTimeout;
    private final HttpTransport transport;
    private final AgentSession session;
    private final RunningTasks running = new RunningTasks();
    private final Semaphore slots;
    private final ResultReporter reporter;
    private final TaskRunner runner;
    private final PollLoop pollLoop;
    private final HeartbeatLoop heartbeatLoop;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile BatonException failure;
    private volatile Thread pollThread;
    private volatile Thread heartbeatThread;

    private AgentWorker(Builder b) {
        this.name = b.name;
        this.maxConcurrency = b.maxConcurrency;
        this.drainTimeout = b.drainTimeout;
        this.requestTimeout = b.requestTimeout;
        this.transport = new HttpTransport(b.nodes, b.token, b.requestTimeout, b.connectTimeout, b.failoverWindow,
                b.tls);
        this.session = new AgentSession(transport,
                new RegisterAgentRequest(b.name, b.capabilities, b.maxConcurrency, b.labels,
                        b.costPerTask, b.tier));
        this.slots = new Semaphore(b.maxConcurrency);
        this.reporter = new ResultReporter(session, this::fail, b.onResultsAccepted);
        this.runner = new TaskRunner(b.handler, session, running, reporter, slots);
        this.pollLoop = new PollLoop(session, runner, slots, b.pollWait.toMillis(),
                () -> stopping.get() || failure != null, this::fail);
        this.heartbeatLoop = new HeartbeatLoop(session, running, this::fail);
    }

    /**
     * A builder for a worker named {@code name} serving {@code capabilities}, running at most
     * {@code maxConcurrency} tasks at once, connecting to {@code baseUrls}: one node's base URL or several
     * separated by commas, such as {@code http://a:8080,http://b:8080}.
     *
     * @throws IllegalArgumentException for a bad argument; a bad URL entry is named in the message
     */
    public static Builder builder(String baseUrls, String token, String name, List<String> capabilities,
                                  int maxConcurrency, TaskHandler handler) {
        return new Builder(NodeList.parse(baseUrls), token, name, capabilities, maxConcurrency, handler);
    }

    /**
     * As {@link #builder(String, String, String, List, int, TaskHandler)}, with one base URL per element of
     * {@code baseUrls}.
     *
     * @throws IllegalArgumentException for a bad argument; a bad URL entry is named in the message
     */
    public static Builder builder(List<String> baseUrls, String token, String name, List<String> capabilities,
                                  int maxConcurrency, TaskHandler handler) {
        return new Builder(NodeList.of(baseUrls), token, name, capabilities, maxConcurrency, handler);
    }

    /** The base URL of the node the worker uses now; it changes when the worker fails over. */
    public String baseUrl() {
        return transport.baseUrl();
    }

    /** Starts registering and polling in the background and returns at once; call once. */
    public AgentWorker start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the worker was already started");
        }
        if (stopping.get()) {
            throw new IllegalStateException("the worker was shut down");
        }
        reporter.start();
        heartbeatThread = Thread.ofVirtual().name("baton-heartbeat").start(heartbeatLoop);
        pollThread = Thread.ofVirtual().name("baton-poll").start(pollLoop);
        log.info("Agent {} starting with {} slots", name, maxConcurrency);
        return this;
    }

    /** The agent id of the current registration, or null before the first registration. */
    public String agentId() {
        AgentRegistration registration = session.current();
        return registration == null ? null : registration.id();
    }

    /** How many times the worker registered, counting re-registrations after Baton forgot it. */
    public int registrations() {
        return session.registrations();
    }

    /** Tasks whose handler returned an output. */
    public long tasksCompleted() {
        return runner.completed();
    }

    /** Tasks whose handler threw and whose failure was reported. */
    public long tasksFailed() {
        return runner.failed();
    }

    /** Tasks stopped on Baton's request (or by a drain timeout) and therefore not reported. */
    public long tasksStopped() {
        return runner.stopped();
    }

    /** Results Baton accepted so far. */
    public long resultsAccepted() {
        return reporter.accepted();
    }

    /** Attempts whose handlers run now. */
    public int runningTasks() {
        return running.size();
    }

    /** The error that stopped the worker on its own (such as a revoked token), or null. */
    public BatonException failure() {
        return failure;
    }

    /** True once a shutdown finished, whether asked for or caused by a {@link #failure()}. */
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /** Blocks until the worker has shut down. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Blocks until the worker has shut down or the timeout passed; true when it has shut down. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Drains and deregisters: stops polling, waits up to {@code drain} for running handlers (then
     * interrupts the rest), flushes results, stops heartbeats and sends {@code DELETE /v1/agents/{id}}.
     */
    public void shutdown(Duration drain) {
        if (!stopping.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try {
            if (started.get()) {
                drainAndDeregister(drain);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while draining; stopping without a full drain");
        } finally {
            transport.shutdownNow();
            terminated.countDown();
        }
    }

    /** Shuts down with the builder's drain timeout (30 s by default). */
    @Override
    public void close() {
        shutdown(drainTimeout);
    }

    private void drainAndDeregister(Duration drain) throws InterruptedException {
        log.info("Agent {} draining: up to {} ms for {} running tasks", name, drain.toMillis(), running.size());
        stopThread(pollThread);
        if (!slots.tryAcquire(maxConcurrency, drain.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("Drain time ran out; stopping {} running tasks", running.size());
            running.stopAll();
            slots.tryAcquire(maxConcurrency, STOPPED_HANDLER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
        reporter.close(RESULT_FLUSH_TIMEOUT);
        stopThread(heartbeatThread);
        AgentRegistration registration = session.current();
        if (registration != null) {
            try {
                session.deregister(registration.id(), requestTimeout);
                log.info("Agent {} deregistered {}", name, registration.id());
            } catch (BatonException e) {
                log.warn("Deregistering agent {} failed: {}", registration.id(), e.getMessage());
            }
        }
    }

    private static void stopThread(Thread thread) throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5));
        }
    }

    /** Stops the worker after an error no retry can fix; the first such error is kept. */
    private void fail(BatonException e) {
        synchronized (this) {
            if (failure != null || stopping.get()) {
                return;
            }
            failure = e;
        }
        log.error("Agent {} stopping: {}", name, e.getMessage());
        Thread.ofVirtual().name("baton-shutdown").start(() -> shutdown(Duration.ZERO));
    }

    private void awaitQuietly() {
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settings for an {@link AgentWorker}; not thread-safe, build once. */
    public static final class Builder {
        static final int MAX_CONCURRENCY_LIMIT = 10_000;

        private final NodeList nodes;
        private final String token;
        private final String name;
        private final List<String> capabilities;
        private final int maxConcurrency;
        private final TaskHandler handler;
        private Map<String, String> labels = Map.of();
        private double costPerTask;
        private AgentTier tier = AgentTier.STANDARD;
        private Duration pollWait = Duration.ofSeconds(20);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration drainTimeout = DEFAULT_DRAIN;
        private Duration failoverWindow = BatonClient.DEFAULT_FAILOVER_WINDOW;
        private javax.net.ssl.SSLContext tls;
        private Consumer<List<String>> onResultsAccepted = ids -> { };

        private Builder(NodeList nodes, String token, String name, List<String> capabilities, int maxConcurrency,
                        TaskHandler handler) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an agent needs a name");
            }
            if (capabilities == null || capabilities.isEmpty() || capabilities.stream().anyMatch(
                    c -> c == null || c.isBlank())) {
                throw new IllegalArgumentException("an agent needs at least one non-blank capability, got "
                        + capabilities);
            }
            if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY_LIMIT) {
                throw new IllegalArgumentException("maxConcurrency must be between 1 and " + MAX_CONCURRENCY_LIMIT
                        + ", got " + maxConcurrency);
            }
            if (handler == null) {
                throw new IllegalArgumentException("an agent needs a TaskHandler");
            }
            this.nodes = nodes;
            this.token = token;
            this.name = name;
            this.capabilities = List.copyOf(capabilities);
            this.maxConcurrency = maxConcurrency;
            this.handler = handler;
        }

        /** Labels the router may filter on, such as {@code region=eu}. */
        public Builder labels(Map<String, String> labels) {
            this.labels = Map.copyOf(labels);
            return this;
        }

        /**
         * Cost units Baton charges the task's tenant for each attempt whose handler did not call
         * {@link TaskContext#reportCost(double)} (0 by default).
         */
        public Builder costPerTask(double costPerTask) {
            if (!Costs.isValid(costPerTask)) {
                throw new IllegalArgumentException("costPerTask must be from 0 to " + Costs.MAX_COST_PER_TASK
                        + ", got " + costPerTask);
            }
            this.costPerTask = costPerTask;
            return this;
        }

        /** The agent's tier, {@code standard} by default; the {@code cost_aware} policy rations premium ones. */
        public Builder tier(AgentTier tier) {
            if (tier == null) {
                throw new IllegalArgumentException("tier must not be null");
            }
            this.tier = tier;
            return this;
        }

        /** The longest one poll waits on the server for work (20 s by default). */
        public Builder pollWait(Duration pollWait) {
            this.pollWait = BatonClient.Builder.requirePositive(pollWait, "pollWait");
            return this;
        }

        /** How long one request may take beyond its long-poll wait (30 s by default). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = BatonClient.Builder.requirePositive(requestTimeout, "requestTimeout");
            return this;
        }

        /** How long opening a connection may take (5 s by default). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = BatonClient.Builder.requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long {@link AgentWorker#close()} waits for running handlers (30 s by default). */
        public Builder drainTimeout(Duration drainTimeout) {
            if (drainTimeout == null || drainTimeout.isNegative()) {
                throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
            }
            this.drainTimeout = drainTimeout;
            return this;
        }

        /** The TLS context for {@code https://} nodes ({@link ClientTls#context}); null uses the JDK's CAs. */
        public Builder tls(javax.net.ssl.SSLContext tls) {
            this.tls = tls;
            return this;
        }

        /**
         * How long one call keeps trying other nodes, counted from its first failure (15 s by default). The
         * worker's loops retry on their own after that, so this bounds how long one poll, heartbeat or report
         * blocks its thread, not how long the worker tolerates an outage.
         */
        public Builder failoverWindow(Duration failoverWindow) {
            this.failoverWindow = BatonClient.Builder.requireNotNegative(failoverWindow, "failoverWindow");
            return this;
        }

        /**
         * Called with the task ids whose results Baton recorded, once per reply to a batch of results (so a task is
         * finished, durably, when its id arrives here). Runs on the worker's result thread: it must be quick and
         * must not block, or reporting stalls. Used by {@code baton bench} to time submit-to-finish.
         */
        public Builder onResultsAccepted(Consumer<List<String>> listener) {
            if (listener == null) {
                throw new IllegalArgumentException("onResultsAccepted needs a listener");
            }
            this.onResultsAccepted = listener;
            return this;
        }

        /** The worker, not yet started. */
        public AgentWorker build() {
            return new AgentWorker(this);
        }
    }
}
