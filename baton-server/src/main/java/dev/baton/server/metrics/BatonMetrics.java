package dev.baton.server.metrics;

import dev.baton.api.ErrorCodes;
import dev.baton.api.TaskState;
import dev.baton.core.state.StateEvent;
import dev.baton.core.state.Task;
import dev.baton.server.raft.RaftPosition;
import dev.baton.server.state.StateStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Baton's Prometheus metrics. Task metrics are fed by apply events (every node reports what it applied); queue and
 * state gauges read the state at scrape time. Thread-safe.
 */
public final class BatonMetrics {
    static final List<String> FORWARD_OUTCOMES = List.of("ok", "no_leader", "outcome_unknown");
    static final List<String> REJECTION_REASONS = List.of(ErrorCodes.STALE_ATTEMPT, ErrorCodes.UNKNOWN_TASK,
            ErrorCodes.ALREADY_FINISHED, ErrorCodes.NOT_LEASED_TO_AGENT, ErrorCodes.INVALID_RESULT);

    /** Few, fixed buckets for HTTP latency: routes × statuses × buckets stays small. */
    static final Duration[] HTTP_BUCKETS = java.util.stream.LongStream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000,
            2_500, 5_000, 10_000, 30_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StateStore store;
    private final MultiGauge queueDepth;
    private final BreakerMetrics breakers;
    private final Timer dispatchLatency;
    private final Timer commitLatency;
    private final Counter leaderChanges;
    private final Counter crashElections;
    private final AtomicLong snapshotBytes = new AtomicLong();
    private final Timer snapshotDuration;
    private volatile TenantMetrics tenants;

    public BatonMetrics(StateStore store) {
        this.store = store;
        for (TaskState state : TaskState.values()) {
            Gauge.builder("baton_tasks", store, s -> s.read(st -> st.countInState(state)))
                    .description("Tasks in the replicated state by state").tag("state", state.wireName())
                    .register(registry);
        }
        for (dev.baton.api.WorkflowState state : dev.baton.api.WorkflowState.values()) {
            Gauge.builder("baton_workflows", store, s -> s.read(st -> st.allWorkflows().stream()
                            .filter(w -> w.state() == state).count()))
                    .description("Workflows in the replicated state by state").tag("state", state.wireName())
                    .register(registry);
        }
        Gauge.builder("baton_raft_applied_index", store, StateStore::appliedIndex)
                .description("Last log index applied on this node").register(registry);
        breakers = new BreakerMetrics(store, registry);
        queueDepth = MultiGauge.builder("baton_queue_depth").description("Queued tasks per capability")
                .register(registry);
        dispatchLatency = Timer.builder("baton_task_dispatch_latency")
                .description("Time from submission to first lease").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        commitLatency = Timer.builder("baton_raft_commit_latency")
                .description("Time from proposing a log entry to its apply on this node").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        leaderChanges = Counter.builder("baton_raft_leader_changes").description("Leader changes seen by this node")
                .register(registry);
        crashElections = Counter.builder("baton_raft_crash_elections")
                .description("Elections this follower started at once because the leader's process was gone")
                .register(registry);
        Gauge.builder("baton_raft_snapshot_bytes", snapshotBytes, AtomicLong::get)
                .description("Size of the last snapshot this node wrote").register(registry);
        snapshotDuration = Timer.builder("baton_raft_snapshot_duration").description("Time to write a snapshot")
                .register(registry);
        // Series that alerts use start at zero, so rate() and increase() have a value before the first event.
        for (String outcome : FORWARD_OUTCOMES) {
            forwardedCounter(outcome);
        }
        for (String reason : REJECTION_REASONS) {
            rejectedCounter(reason);
        }
        evictedCounter();
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        store.addListener(this::onEvents);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Binds the Raft gauges to this node's position, read at scrape time. The gauges hold {@code position} strongly:
     * Micrometer keeps a gauge's state object only weakly by default, and a method reference passed in here has no
     * other owner, so it would be collected and every gauge would read NaN.
     */
    public void bindRaft(Supplier<RaftPosition> position) {
        gauge("baton_raft_term", position, p -> p.term(), "Current Raft term on this node");
        gauge("baton_raft_commit_index", position, p -> p.commitIndex(),
                "Highest log index this node knows is committed");
        gauge("baton_raft_apply_lag_entries", position, p -> p.applyLagEntries(),
                "Committed entries not yet applied on this node");
        gauge("baton_raft_is_leader", position, p -> p.isLeader() ? 1 : 0, "1 on the leader, 0 elsewhere");
        gauge("baton_raft_leader_last_contact_seconds", position, p -> {
            Long ms = p.lastContactMs();
            return ms == null ? 0 : ms / 1000.0;
        }, "On a follower, time since it last heard from the leader");
    }

    private void gauge(String name, Supplier<RaftPosition> position, ToDoubleFunction<RaftPosition> value,
                       String description) {
        Gauge.builder(name, position, p -> value.applyAsDouble(p.get())).strongReference(true)
                .description(description).register(registry);
    }

    /** Binds {@code baton_ready} (1 when {@code /ready} would answer 200) to {@code ready}, read at scrape time. */
    public void bindReady(java.util.function.BooleanSupplier ready) {
        Gauge.builder("baton_ready", ready, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 when this node is ready (a leader is known, not too far behind), else 0")
                .strongReference(true) // the supplier is a lambda nothing else holds: a weak one reads NaN after GC
                .register(registry);
    }

    /** This node saw the leader change (an election, a transfer, or the first leader after start). */
    public void leaderChanged() {
        leaderChanges.increment();
    }

    /** This follower found the leader's process gone and started an election without waiting for the timeout. */
    public void crashElectionStarted() {
        crashElections.increment();
    }

    /** A snapshot of {@code bytes} bytes took {@code nanos} to write. */
    public void recordSnapshot(long bytes, long nanos) {
        snapshotBytes.set(bytes);
        snapshotDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A write arrived on a follower and was forwarded; {@code outcome} is ok, no_leader or outcome_unknown. */
    public void forwarded(String outcome) {
        forwardedCounter(outcome).increment();
    }

    private Counter forwardedCounter(String outcome) {
        return Counter.builder("baton_http_forwarded_requests")
                .description("Writes forwarded from this follower to the leader").tag("outcome", outcome)
                .register(registry);
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("baton_results_rejected").description("Results refused (stale attempt, unknown task, ...)")
                .tag("reason", reason).register(registry);
    }

    private Counter evictedCounter() {
        return Counter.builder("baton_tasks_evicted").description("Finished tasks dropped after retention")
                .register(registry);
    }

    public void recordCommitLatencyNanos(long nanos) {
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Records one HTTP request; {@code route} is the template ({@code /v1/tasks/{id}}), never the raw path. */
    public void recordHttp(String method, String route, int status, long nanos) {
        Timer.builder("baton_http_requests").description("HTTP requests by route and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .serviceLevelObjectives(HTTP_BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Adds the per-tenant series ({@link TenantMetrics}); tenants without settings of their own get {@code defaults}. */
    public void bindTenants(dev.baton.core.state.TenantSettings defaults) {
        tenants = new TenantMetrics(registry, store, defaults, System::currentTimeMillis);
    }

    /** The Prometheus text exposition, refreshing scrape-time gauges first. */
    public String scrape() {
        TenantMetrics tenantSeries = tenants;
        if (tenantSeries != null) {
            tenantSeries.refresh();
        }
        queueDepth.register(store.read(s -> s.queueDepths()).entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("capability", e.getKey()), e.getValue()))
                .toList(), true);
        breakers.refresh(System.currentTimeMillis());
        return registry.scrape();
    }

    private void onEvents(List<StateEvent> events) {
        for (StateEvent event : events) {
            switch (event) {
                case StateEvent.TaskChanged c -> onTaskChanged(c.before(), c.after());
                case StateEvent.ResultRejected r -> rejectedCounter(r.reason()).increment();
                case StateEvent.TaskEvicted e -> evictedCounter().increment();
                case StateEvent.AgentChanged a -> { }
                case StateEvent.WorkflowChanged w -> onWorkflowChanged(w.before(), w.after());
            }
        }
    }

    /** {@code baton_workflows_submitted_total}, and {@code baton_workflows_finished_total} by state with duration. */
    private void onWorkflowChanged(dev.baton.core.state.Workflow before, dev.baton.core.state.Workflow after) {
        if (after == null) {
            return;
        }
        if (before == null) {
            Counter.builder("baton_workflows_submitted").description("Workflows accepted").register(registry)
                    .increment();
        }
        if ((before == null || !before.state().isTerminal()) && after.state().isTerminal()) {
            Timer.builder("baton_workflow_duration").description("Time from submission to a terminal state")
                    .tag("state", after.state().wireName()).register(registry)
                    .record(Math.max(0, after.finishedAtMs() - after.createdAtMs()), TimeUnit.MILLISECONDS);
        }
    }

    private void onTaskChanged(Task before, Task after) {
        if (before == null) {
            Counter.builder("baton_tasks_submitted").description("Tasks accepted")
                    .tag("capability", after.spec().capability()).register(registry).increment();
            return;
        }
        if (before.state() == TaskState.QUEUED && after.state() == TaskState.LEASED && after.attempt() == 1) {
            dispatchLatency.record(Math.max(0, after.updatedAtMs() - after.createdAtMs()), TimeUnit.MILLISECONDS);
        }
        if (!before.state().isTerminal() && after.state().isTerminal()) {
            long start = after.firstLeasedAtMs() > 0 ? after.firstLeasedAtMs() : after.createdAtMs();
            Timer.builder("baton_task_duration").description("Time from first lease to a terminal state")
                    .tags("capability", after.spec().capability(), "state", after.state().wireName())
                    .publishPercentileHistogram().register(registry)
                    .record(Math.max(0, after.finishedAtMs() - start), TimeUnit.MILLISECONDS);
        }
    }
}
