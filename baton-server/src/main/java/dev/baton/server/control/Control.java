package dev.baton.server.control;

import dev.baton.api.AgentState;
import dev.baton.api.AgentTier;
import dev.baton.api.HeartbeatResponse;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.core.command.AwaitInput;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.CancelWorkflow;
import dev.baton.core.command.DeleteTenant;
import dev.baton.core.command.EvictFinishedTasks;
import dev.baton.core.command.ExpireAttempt;
import dev.baton.core.command.ProvideInput;
import dev.baton.core.command.RecordFeedback;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.RecordAudit;
import dev.baton.core.command.RequestStamp;
import dev.baton.server.audit.RequestScope;
import dev.baton.core.command.SetAgentState;
import dev.baton.core.command.SetTenant;
import dev.baton.core.command.StartTasks;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.SubmitTasks;
import dev.baton.core.command.SubmitWorkflow;
import dev.baton.core.command.TimeOutTask;
import dev.baton.core.state.Agent;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.StateEvent;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import dev.baton.core.state.TenantSettings;
import dev.baton.core.state.WorkflowSpec;
import dev.baton.server.state.StateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's decide side: validates nothing the HTTP layer already checked, reads the clock, generates ids and
 * random choices, routes, tracks soft state (heartbeats, long polls, deadlines) and proposes commands.
 *
 * <p>Threading: every method body runs on the single control thread given as {@code loop}; public methods may be
 * called from any thread and hop onto it. Durability: futures complete after the proposed command is committed
 * and applied (or fail with {@link NotLeaderException}). Soft state lives here only and is rebuilt from the
 * replicated state by {@link #onLeadershipChange(boolean)}; only transitions enter the log.
 */
public final class Control {
    private static final Logger LOG = LoggerFactory.getLogger(Control.class);
    private static final int EVICTION_BATCH = 1_000;
    private static final long EVICTION_INTERVAL_MS = 10_000;

    private final CommandLog log;
    private final StateStore store;
    private final Executor loop;
    private final LongSupplier clock;
    private final ControlSettings settings;
    private final RandomGenerator random;
    private final AgentTracker agents = new AgentTracker();
    private final AttemptClocks clocks;
    private final InputDeadlines inputDeadlines = new InputDeadlines();
    private final Dispatcher dispatcher;
    private final ApiKeyControl keys;
    private final Transitions transitions;
    private final Drains drains;
    private volatile boolean leader;
    /** Bumped on every leadership change; callbacks of an earlier one must not touch the rebuilt soft state. */
    private long leadershipEpoch;
    private long nextEvictionMs;

    public Control(CommandLog log, StateStore store, Executor loop, LongSupplier clock, ControlSettings settings) {
        this(log, store, loop, clock, settings, () -> ThreadLocalRandom.current().nextLong());
    }

    /** As the public constructor, with ids and retry jitter drawn from {@code random} (used on the loop only). */
    Control(CommandLog log, StateStore store, Executor loop, LongSupplier clock, ControlSettings settings,
            RandomGenerator random) {
        this.log = log;
        this.store = store;
        this.loop = loop;
        this.clock = clock;
        this.settings = settings;
        this.random = random;
        this.clocks = new AttemptClocks(settings.leaseTimeoutMs());
        this.dispatcher = new Dispatcher(log, store, loop, clock, clocks, settings.orchestration().routing(), random,
                settings.tenantDefaults());
        this.keys = new ApiKeyControl(this, log, store, clock, random);
        this.transitions = new Transitions(log, loop);
        this.drains = new Drains(store, transitions);
        store.addListener(events -> loop.execute(() -> onEvents(events)));
    }

    public ControlSettings settings() {
        return settings;
    }

    public boolean isLeader() {
        return leader;
    }

    // ---- requests ----

    /**
     * Queues a task (or returns the existing one for a repeated idempotency key). Completes with
     * {@link Outcome.BudgetExhausted} when the tenant is past its budget and set to reject; apply decides that
     * again, so a result that exhausts the budget while the submission is in flight is honoured.
     */
    public CompletableFuture<Outcome> submit(TaskSpec spec) {
        return onLoop(() -> {
            long now = clock.getAsLong();
            TenantSettings tenant = store.read(s -> s.tenantSettings(spec.tenant(), settings.tenantDefaults()));
            SubmitTask task = new SubmitTask(Ids.generate("t_", now, random), spec, now, tenant);
            CompletableFuture<Outcome> outcome = log.propose(task);
            dispatchBehind(List.of(task));
            return outcome;
        });
    }

    /**
     * Queues {@code specs} as one command (one control-loop hop, one audit stamp) and answers each task's outcome in
     * their order, as {@link #submit} would have one by one.
     */
    public CompletableFuture<List<Outcome>> submitAll(List<TaskSpec> specs) {
        return onLoop(() -> {
            long now = clock.getAsLong();
            Map<String, TenantSettings> tenants = new HashMap<>();
            List<SubmitTask> tasks = new ArrayList<>(specs.size());
            store.read(s -> {
                for (TaskSpec spec : specs) {
                    TenantSettings tenant = tenants.computeIfAbsent(spec.tenant(),
                            name -> s.tenantSettings(name, settings.tenantDefaults()));
                    tasks.add(new SubmitTask(Ids.generate("t_", now, random), spec, now, tenant));
                }
                return null;
            });
            CompletableFuture<Outcome> outcome = log.propose(new SubmitTasks(tasks, now));
            dispatchBehind(tasks);
            return outcome.thenApply(each -> ((Outcome.Each) each).outcomes());
        });
    }

    /**
     * Leases just-proposed tasks to waiting polls right behind their submission ({@link Dispatcher#dispatchSubmitted}),
     * as the loop's next job: outside the request's scope, so the lease is not audited as the submitter's.
     */
    private void dispatchBehind(List<SubmitTask> proposed) {
        loop.execute(() -> dispatcher.dispatchSubmitted(proposed));
    }

    /** Creates or replaces a tenant's configuration (null fields: server defaults). */
    public CompletableFuture<Outcome> setTenant(String name, TenantSettings tenant) {
        return onLoop(() -> log.propose(new SetTenant(name, tenant, clock.getAsLong())));
    }

    /** Removes a tenant's configuration; it falls back to the server defaults. */
    public CompletableFuture<Outcome> deleteTenant(String name) {
        return onLoop(() -> log.propose(new DeleteTenant(name, clock.getAsLong())));
    }

    /** Registers a new free, standard-tier agent under a generated id. */
    public CompletableFuture<Outcome> registerAgent(String name, List<String> capabilities, Map<String, String> labels,
                                                    int maxConcurrency) {
        return registerAgent(name, capabilities, labels, maxConcurrency, 0, AgentTier.STANDARD);
    }

    /** Registers a new agent under a generated id, with its cost per task (cost units) and tier. */
    public CompletableFuture<Outcome> registerAgent(String name, List<String> capabilities, Map<String, String> labels,
                                                    int maxConcurrency, double costPerTask, AgentTier tier) {
        return registerAgent(name, capabilities, labels, maxConcurrency, costPerTask, tier, null);
    }

    /** As above, serving only {@code tenant}'s tasks (null: every tenant's). */
    public CompletableFuture<Outcome> registerAgent(String name, List<String> capabilities, Map<String, String> labels,
                                                    int maxConcurrency, double costPerTask, AgentTier tier,
                                                    String tenant) {
        return onLoop(() -> {
            long now = clock.getAsLong();
            String id = Ids.generate("a_", now, random);
            agents.seen(id, now);
            return log.propose(new RegisterAgent(id, name, capabilities, labels, maxConcurrency, now, costPerTask,
                    tier, tenant));
        });
    }

    /**
     * Records an agent's sign of life and of the attempts it runs: extends their leases, marks leased ones
     * running, revives a {@code down} agent, and answers which attempts the agent should stop.
     */
    public CompletableFuture<HeartbeatResponse> heartbeat(String agentId, List<TaskRef> running) {
        return onLoop(() -> {
            long now = clock.getAsLong();
            agents.seen(agentId, now);
            record View(Agent agent, List<TaskRef> toStart, List<TaskRef> stop) {}
            View view = store.read(s -> {
                Agent agent = s.agentById(agentId).orElse(null);
                List<TaskRef> toStart = new ArrayList<>();
                List<TaskRef> stop = new ArrayList<>();
                for (TaskRef ref : running) {
                    Task task = s.taskById(ref.taskId()).orElse(null);
                    if (task == null || task.attempt() != ref.attempt() || !task.state().isActive()
                            || !agentId.equals(task.agentId())) {
                        stop.add(ref);
                    } else {
                        clocks.heartbeat(ref.taskId(), ref.attempt(), task.spec().timeouts().heartbeatMs(), now);
                        if (task.state() == TaskState.LEASED) {
                            toStart.add(ref);
                        }
                    }
                }
                return new View(agent, toStart, stop);
            });
            if (view.agent == null) {
                return CompletableFuture.failedFuture(new UnknownAgentException(agentId));
            }
            CompletableFuture<?> pending = CompletableFuture.completedFuture(null);
            if (!view.toStart.isEmpty()) {
                pending = log.propose(new StartTasks(agentId, view.toStart, now));
            }
            AgentState state = view.agent.state();
            if (state == AgentState.DOWN) {
                pending = log.propose(new SetAgentState(agentId, AgentState.READY, "heartbeat resumed", now));
                state = AgentState.READY;
            }
            AgentState reported = state;
            return pending.thenApply(ignored -> new HeartbeatResponse(reported, view.stop));
        });
    }

    /** A task-level heartbeat from the agent holding {@code attempt}; fails if that attempt is not live. */
    public CompletableFuture<HeartbeatResponse> taskHeartbeat(String taskId, int attempt) {
        return onLoop(() -> {
            String agentId = store.read(s -> s.taskById(taskId).map(Task::agentId).orElse(null));
            if (agentId == null) {
                return CompletableFuture.completedFuture(
                        new HeartbeatResponse(null, List.of(new TaskRef(taskId, attempt))));
            }
            return heartbeat(agentId, List.of(new TaskRef(taskId, attempt)));
        });
    }

    /** Long poll: leases up to {@code max} tasks to the agent, waiting up to {@code waitMs} for work to arrive. */
    public CompletableFuture<List<Task>> poll(String agentId, int max, long waitMs) {
        return onLoop(() -> {
            long now = clock.getAsLong();
            agents.seen(agentId, now);
            Agent agent = store.read(s -> s.agentById(agentId).orElse(null));
            if (agent == null) {
                return CompletableFuture.failedFuture(new UnknownAgentException(agentId));
            }
            long wait = Math.min(Math.max(0, waitMs), settings.maxPollWaitMs());
            if (agent.state() == AgentState.DOWN) {
                log.propose(new SetAgentState(agentId, AgentState.READY, "poll resumed", now));
            }
            CompletableFuture<List<Task>> reply = dispatcher.await(agentId, max, now + wait);
            if (wait == 0) {
                dispatcher.release(agentId); // answers empty unless a lease is already on its way
            }
            return reply;
        });
    }

    /** Records results; the leader adds each failure's retry delay (backoff with jitter). */
    public CompletableFuture<Outcome> report(String agentId, List<ReportResults.Report> reports) {
        return onLoop(() -> {
            long now = clock.getAsLong();
            agents.seen(agentId, now);
            List<ReportResults.Report> withDelays = store.read(s -> reports.stream()
                    .map(r -> r.withRetryDelayMs(s.taskById(r.taskId()).map(this::retryDelayMs).orElse(0L)))
                    .toList());
            return log.propose(new ReportResults(agentId, withDelays, now));
        });
    }

    /** Starts a workflow (or returns the existing one for a repeated idempotency key). */
    public CompletableFuture<Outcome> submitWorkflow(WorkflowSpec spec) {
        return onLoop(() -> {
            long now = clock.getAsLong();
            return log.propose(new SubmitWorkflow(Ids.generate("w_", now, random), spec, now));
        });
    }

    /** Cancels a running workflow; its unfinished step tasks are cancelled in the same command. */
    public CompletableFuture<Outcome> cancelWorkflow(String workflowId, String reason) {
        return onLoop(() -> log.propose(new CancelWorkflow(workflowId, reason, clock.getAsLong())));
    }

    /** Records a client's 0-1 score of a succeeded task's result (the {@code thompson} policy learns from it). */
    public CompletableFuture<Outcome> feedback(String taskId, double score) {
        return onLoop(() -> log.propose(new RecordFeedback(taskId, score, clock.getAsLong())));
    }

    public CompletableFuture<Outcome> cancel(String taskId, String reason) {
        return onLoop(() -> log.propose(new CancelTask(taskId, reason, clock.getAsLong())));
    }

    /**
     * Ends the live attempt {@code attempt} and parks the task in {@code awaiting_input} with a question whose answer
     * must satisfy {@code schemaJson}; {@code timeoutMs} (0 for none) bounds the wait for the answer.
     */
    public CompletableFuture<Outcome> awaitInput(String taskId, int attempt, String prompt, String schemaJson,
                                                 long timeoutMs) {
        return onLoop(() -> {
            long now = clock.getAsLong();
            return log.propose(new AwaitInput(taskId, attempt, prompt, schemaJson, timeoutMs > 0 ? now + timeoutMs : 0,
                    now));
        });
    }

    /** Answers question {@code round} of a waiting task (the caller validated the answer) and queues it again. */
    public CompletableFuture<Outcome> provideInput(String taskId, int round, String answerJson) {
        return onLoop(() -> log.propose(new ProvideInput(taskId, round, answerJson, clock.getAsLong())));
    }

    /**
     * Stops giving the agent work and removes it once its attempts are done, or after the drain timeout (its
     * attempts are then retried elsewhere). Completes when the agent is {@code draining}.
     */
    public CompletableFuture<Outcome> drainAndDeregister(String agentId) {
        return onLoop(() -> {
            long now = clock.getAsLong();
            drains.start(agentId, now + settings.drainTimeoutMs());
            dispatcher.release(agentId);
            return log.propose(new SetAgentState(agentId, AgentState.DRAINING, "deregistration requested", now))
                    .thenApply(outcome -> {
                        loop.execute(this::finishDrains);
                        return outcome;
                    });
        });
    }

    /** Appends an audit entry for a request that changed nothing in the state (refused, invalid, membership). */
    public CompletableFuture<Outcome> recordAudit(RequestStamp request, String outcome) {
        return onLoop(() -> log.propose(new RecordAudit(request, outcome, clock.getAsLong())));
    }

    /** API key commands (create, rotate, expire, revoke), decided on this control loop. */
    public ApiKeyControl keys() {
        return keys;
    }

    /** The Raft-ceiling benchmark over this node's command log (admin {@code POST /v1/bench/noop}). */
    public NoopBench noopBench() {
        return new NoopBench(log, clock, store::appliedIndex);
    }

    // ---- leadership, events, time ----

    /** Starts (rebuilding soft state from the replicated state) or stops the leader's work. */
    public void onLeadershipChange(boolean isLeader) {
        loop.execute(() -> {
            if (isLeader == leader) {
                return;
            }
            leader = isLeader;
            leadershipEpoch++;
            clearSoftState();
            if (isLeader) {
                long now = clock.getAsLong();
                store.read(s -> {
                    s.agents().forEach(a -> agents.seen(a.id(), now));
                    s.agents().stream().filter(a -> a.state() == AgentState.DRAINING)
                            .forEach(a -> drains.start(a.id(), now + settings.drainTimeoutMs()));
                    s.allTasks().forEach(t -> {
                        clocks.track(t, now);
                        inputDeadlines.track(t);
                    });
                    return null;
                });
                LOG.info("leadership started: soft state rebuilt");
            } else {
                LOG.info("leadership ended");
            }
        });
    }

    /** Advances timers: expires polls, attempts, schedule-to-start deadlines, silent agents, drains, retention. */
    public void tick() {
        if (!leader) {
            return;
        }
        long now = clock.getAsLong();
        dispatcher.expire(now);
        for (AttemptClocks.Expired e : clocks.expiredAttempts(now)) {
            long delay = store.read(s -> s.taskById(e.taskId()).map(this::retryDelayMs).orElse(0L));
            transitions.propose("expire:" + e.taskId(),
                    new ExpireAttempt(e.taskId(), e.attempt(), e.reason(), delay, now), () -> expireAgain(e));
        }
        for (String taskId : clocks.pastScheduleToStart(now)) {
            transitions.propose("timeout:" + taskId, new TimeOutTask(taskId, now), () -> trackAgain(taskId));
        }
        for (String taskId : clocks.pastStrategyTimeout(now)) {
            transitions.propose("timeout:" + taskId, new TimeOutTask(taskId, now), () -> trackAgain(taskId));
        }
        for (String taskId : inputDeadlines.due(now)) {
            transitions.propose("timeout:" + taskId, new TimeOutTask(taskId, now), () -> trackAgain(taskId));
        }
        // An open long poll is a live connection from the agent: a sign of life even between heartbeats.
        dispatcher.waitingAgents().forEach(agentId -> agents.seen(agentId, now));
        List<String> ready = store.read(s -> s.agents().stream()
                .filter(a -> a.state() != AgentState.DOWN).map(Agent::id).toList());
        for (String agentId : agents.silentSince(ready, now, settings.agentTimeoutMs())) {
            LOG.warn("agent {} missed its heartbeats; marking it down", agentId);
            transitions.propose("down:" + agentId,
                    new SetAgentState(agentId, AgentState.DOWN, "no heartbeat for " + settings.agentTimeoutMs() + " ms",
                            now));
        }
        finishDrains();
        if (now >= nextEvictionMs) {
            nextEvictionMs = now + EVICTION_INTERVAL_MS;
            if (store.read(s -> s.countInState(TaskState.SUCCEEDED) + s.countInState(TaskState.FAILED)
                    + s.countInState(TaskState.CANCELLED) + s.countInState(TaskState.TIMED_OUT)
                    + s.finishedWorkflowCount()) > 0) {
                transitions.propose("evict", new EvictFinishedTasks(now - settings.retentionMs(), EVICTION_BATCH, now));
            }
        }
        dispatcher.dispatch();
    }

    private void onEvents(List<StateEvent> events) {
        if (!leader) {
            return;
        }
        long now = clock.getAsLong();
        boolean wake = false;
        for (StateEvent event : events) {
            switch (event) {
                case StateEvent.TaskChanged c -> {
                    clocks.track(c.after(), now);
                    inputDeadlines.track(c.after());
                    wake |= c.after().state() == TaskState.QUEUED;
                }
                case StateEvent.TaskEvicted e -> {
                    clocks.forget(e.task().id());
                    inputDeadlines.forget(e.task().id());
                }
                case StateEvent.AgentChanged c -> {
                    if (c.after() == null) {
                        agents.forget(c.before().id());
                        drains.forget(c.before().id());
                    } else {
                        if (c.before() == null) {
                            agents.seen(c.after().id(), now);
                        }
                        if (c.after().state() == AgentState.DRAINING) { // also a drain proposed in an earlier term
                            drains.startIfAbsent(c.after().id(), now + settings.drainTimeoutMs());
                        }
                    }
                    wake |= c.after() != null && c.after().state() == AgentState.READY;
                }
                case StateEvent.ResultRejected r -> { }
                case StateEvent.WorkflowChanged w -> { } // step tasks arrive as TaskChanged
            }
        }
        if (wake) {
            dispatcher.dispatch();
        }
    }

    private void finishDrains() {
        if (leader) {
            drains.finish(clock.getAsLong());
        }
    }

    /** Puts an attempt whose expiry failed to commit back under its clocks, still expired, if it is still live. */
    private void expireAgain(AttemptClocks.Expired expired) {
        long now = clock.getAsLong();
        store.read(s -> s.taskById(expired.taskId())).ifPresent(task -> {
            if (task.state().isActive() && task.attempt() == expired.attempt()) {
                clocks.expireAgain(expired, now);
            } else {
                clocks.track(task, now);
            }
        });
    }

    /** Puts a task back under its clocks after its timeout failed to commit, so the timeout is tried again. */
    private void trackAgain(String taskId) {
        store.read(s -> s.taskById(taskId)).ifPresent(task -> {
            clocks.track(task, clock.getAsLong());
            inputDeadlines.track(task);
        });
    }

    /** The backoff before the task's next attempt, with full jitter between half and all of it. */
    private long retryDelayMs(Task task) {
        RetryPolicy policy = task.spec().retry();
        long backoff = policy.backoffMs(task.attempt() + 1);
        return backoff <= 1 ? backoff : backoff / 2 + random.nextLong(backoff / 2 + 1);
    }

    private void clearSoftState() {
        dispatcher.reset(leader, leadershipEpoch);
        agents.clear();
        clocks.clear();
        inputDeadlines.clear();
        transitions.reset(leadershipEpoch);
        drains.clear();
    }

    /** Runs {@code work} on the control thread; fails fast with {@link NotLeaderException} on a follower. */
    <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        RequestScope.Active request = RequestScope.current();
        loop.execute(() -> {
            if (!leader) {
                result.completeExceptionally(new NotLeaderException(null));
                return;
            }
            try {
                RequestScope.within(request, work).whenComplete((value, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
