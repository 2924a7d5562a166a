package dev.baton.core.state;

import dev.baton.api.TaskState;
import dev.baton.core.command.AwaitInput;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.CancelWorkflow;
import dev.baton.core.command.Command;
import dev.baton.core.command.CreateApiKey;
import dev.baton.core.command.DeleteTenant;
import dev.baton.core.command.DeregisterAgent;
import dev.baton.core.command.EvictFinishedTasks;
import dev.baton.core.command.ExpireApiKeys;
import dev.baton.core.command.ExpireAttempt;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.Noop;
import dev.baton.core.command.ProvideInput;
import dev.baton.core.command.RecordFeedback;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.RecordAudit;
import dev.baton.core.command.Requested;
import dev.baton.core.command.RevokeApiKey;
import dev.baton.core.command.RotateApiKey;
import dev.baton.core.command.SetAgentState;
import dev.baton.core.command.SetTenant;
import dev.baton.core.command.StartTasks;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.SubmitTasks;
import dev.baton.core.command.SubmitWorkflow;
import dev.baton.core.command.TimeOutTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The replicated state of a Baton cluster: agents, tasks, API keys and their indexes.
 *
 * <p>Threading: not thread-safe. The owner serialises {@link #apply} against reads (the server wraps it in a
 * read-write lock). Determinism: {@link #apply} depends only on the command and the current state — no clock, no
 * randomness, no I/O — so every node that applies the same log reaches the same state. Business rule violations
 * come back as {@link Outcome.Rejected}; apply throws only on programming errors.
 */
public final class BatonState {
    final TaskTable tasks = new TaskTable();
    final Map<String, Agent> agents = new HashMap<>();
    final Map<String, ApiKey> apiKeys = new HashMap<>();
    final Map<String, String> apiKeyIdBySha256 = new HashMap<>();
    final Map<String, String> taskIdByIdempotencyKey = new HashMap<>();
    final TaskQueues queues = new TaskQueues();
    final NavigableSet<Task> finished = new TreeSet<>(
            Comparator.comparingLong(Task::finishedAtMs).thenComparing(Task::id));
    final EnumMap<TaskState, Integer> countsByState = new EnumMap<>(TaskState.class);
    final Map<String, Workflow> workflows = new HashMap<>();
    final Map<String, WorkflowApplier.StepRef> stepByTaskId = new HashMap<>();
    final Map<String, String> workflowIdByIdempotencyKey = new HashMap<>();
    final NavigableSet<Workflow> finishedWorkflows = new TreeSet<>(
            Comparator.comparingLong(Workflow::finishedAtMs).thenComparing(Workflow::id));
    final Map<String, AgentHealth> health = new HashMap<>();
    final Map<String, Double> feedback = new HashMap<>();
    final TenantBook tenantBook = new TenantBook();
    long nextSeq = 1;
    final AuditTrail audit = new AuditTrail();
    final Map<String, String> agentOwners = new HashMap<>();
    /** Canonical instances of what tasks' specs have in common; changes identity only, never equality. */
    final SharedValues shared = new SharedValues();

    private final TaskApplier taskApplier = new TaskApplier(this);
    private final AgentApplier agentApplier = new AgentApplier(this, taskApplier);
    private final ApiKeyApplier apiKeyApplier = new ApiKeyApplier(this);
    private final HealthApplier healthApplier = new HealthApplier(this);
    private final TenantApplier tenantApplier = new TenantApplier(tenantBook);
    private final InputApplier inputApplier = new InputApplier(this, taskApplier);
    private final WorkflowApplier workflowApplier = new WorkflowApplier(this, taskApplier);
    private final RequestApplier requestApplier = new RequestApplier(this);

    /**
     * Applies one command, reporting each change to {@code events}; then moves on the workflows whose step tasks
     * the command finished (creating the next steps' tasks in the same apply).
     */
    public Outcome apply(Command command, Consumer<StateEvent> sink) {
        Consumer<StateEvent> events = workflowApplier.watching(sink);
        Outcome outcome = applyOne(command, events);
        workflowApplier.settle(events, command.nowMs());
        return outcome;
    }

    private Outcome applyOne(Command command, Consumer<StateEvent> events) {
        return switch (command) {
            case RegisterAgent c -> agentApplier.register(c, events);
            case SetAgentState c -> agentApplier.setState(c, events);
            case DeregisterAgent c -> {
                agentOwners.remove(c.agentId());
                yield agentApplier.deregister(c, events);
            }
            case SubmitTask c -> taskApplier.submit(c, events);
            case SubmitTasks c -> new Outcome.Each(c.tasks().stream().map(t -> taskApplier.submit(t, events)).toList());
            case LeaseTasks c -> taskApplier.lease(c, events);
            case StartTasks c -> taskApplier.start(c, events);
            case ReportResults c -> taskApplier.report(c, events);
            case ExpireAttempt c -> taskApplier.expire(c, events);
            case TimeOutTask c -> inputApplier.handles(c) ? inputApplier.timeOut(c, events)
                    : taskApplier.timeOut(c, events);
            case CancelTask c -> taskApplier.cancel(c, events);
            case EvictFinishedTasks c -> {
                Outcome evicted = taskApplier.evict(c, events);
                workflowApplier.evict(c, events);
                yield evicted;
            }
            case CreateApiKey c -> apiKeyApplier.create(c);
            case RevokeApiKey c -> apiKeyApplier.revoke(c);
            case Noop c -> new Outcome.Done(0);
            case SetTenant c -> tenantApplier.set(c);
            case DeleteTenant c -> tenantApplier.delete(c);
            case AwaitInput c -> inputApplier.await(c, events);
            case ProvideInput c -> inputApplier.provide(c, events);
            case SubmitWorkflow c -> workflowApplier.submit(c, events);
            case CancelWorkflow c -> workflowApplier.cancel(c, events);
            case RecordFeedback c -> healthApplier.feedback(c);
            case RotateApiKey c -> apiKeyApplier.rotate(c);
            case ExpireApiKeys c -> apiKeyApplier.expire(c);
            case Requested c -> requestApplier.requested(c, events);
            case RecordAudit c -> requestApplier.record(c);
        };
    }

    // ---- reads ----

    public Optional<Task> taskById(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** What has been observed of the agent: scores per capability and its circuit breaker. */
    public AgentHealth healthOf(String agentId) {
        return health.getOrDefault(agentId, AgentHealth.empty(agentId));
    }

    /** The feedback score given for a task, if any. */
    public Optional<Double> feedbackFor(String taskId) {
        return Optional.ofNullable(feedback.get(taskId));
    }

    public Optional<Agent> agentById(String id) {
        return Optional.ofNullable(agents.get(id));
    }

    public Optional<ApiKey> apiKeyBySha256(String sha256) {
        String id = apiKeyIdBySha256.get(sha256);
        return id == null ? Optional.empty() : Optional.ofNullable(apiKeys.get(id));
    }

    /**
     * The key a token's SHA-256 belongs to, if it is valid at {@code nowMs} (the caller's clock): not expired, and
     * either the key's current token or a replaced one still in its grace period.
     */
    public Optional<ApiKey> apiKeyByToken(String sha256, long nowMs) {
        return apiKeyBySha256(sha256).filter(k -> !k.expiredAt(nowMs)
                && (k.tokenSha256().equals(sha256) || k.previousValidUntilMs() > nowMs));
    }

    public Optional<ApiKey> apiKeyById(String id) {
        return Optional.ofNullable(apiKeys.get(id));
    }

    /** The earliest time at which a key expires or a replaced token's grace ends, or 0 when none will. */
    public long nextKeyExpiryMs() {
        long next = 0;
        for (ApiKey k : apiKeys.values()) {
            for (long at : new long[] {k.expiresAtMs(), k.previousSha256() == null ? 0 : k.previousValidUntilMs()}) {
                if (at > 0 && (next == 0 || at < next)) {
                    next = at;
                }
            }
        }
        return next;
    }

    /** The id of the API key that registered an agent, if a request did. */
    public Optional<String> agentOwner(String agentId) {
        return Optional.ofNullable(agentOwners.get(agentId));
    }

    /** Up to {@code limit} audit entries after seq {@code afterSeq} that match, oldest first. */
    public List<dev.baton.api.AuditRecord> auditPage(long afterSeq, int limit,
                                                      Predicate<dev.baton.api.AuditRecord> filter) {
        return audit.page(afterSeq, limit, filter);
    }

    /** The oldest audit entry still held, if any. */
    public Optional<dev.baton.api.AuditRecord> auditOldest() {
        return Optional.ofNullable(audit.oldest());
    }

    public long auditLastSeq() {
        return audit.lastSeq();
    }

    public String auditHeadHash() {
        return audit.headHash();
    }

    public Optional<String> taskIdByIdempotencyKey(String tenant, String key) {
        return Optional.ofNullable(taskIdByIdempotencyKey.get(idempotencyIndexKey(tenant, key)));
    }

    /** All agents ordered by id. */
    public List<Agent> agents() {
        return agents.values().stream().sorted(Comparator.comparing(Agent::id)).toList();
    }

    /** All API keys ordered by id. */
    public List<ApiKey> apiKeys() {
        return apiKeys.values().stream().sorted(Comparator.comparing(ApiKey::id)).toList();
    }

    /** Every task, in no particular order (for snapshots, timers rebuilt on a new leader, digests). */
    public Collection<Task> allTasks() {
        return java.util.Collections.unmodifiableCollection(tasks.values());
    }

    /**
     * Up to {@code limit} tasks ordered by id after {@code afterId} (exclusive; null = from the start) that match
     * the filter. Ids are time-ordered, so this pages oldest first.
     */
    public List<Task> tasksPage(String afterId, int limit, Predicate<Task> filter) {
        return tasks.values().stream()
                .filter(t -> afterId == null || t.id().compareTo(afterId) > 0)
                .filter(filter)
                .sorted(Comparator.comparing(Task::id))
                .limit(limit)
                .toList();
    }

    /**
     * Ids of up to {@code limit} queued tasks over {@code capabilities}, best first, that {@code eligible} accepts.
     * The leader routes from this; it skips tasks still in backoff itself.
     */
    public List<String> queuedTaskIds(Collection<String> capabilities, int limit, Predicate<String> eligible) {
        return queues.peek(capabilities, limit, eligible);
    }

    /**
     * Per tenant (sorted by name), the ids of up to {@code limitPerTenant} queued tasks over {@code capabilities},
     * best first (priority, then submission order), that {@code eligible} accepts: the input of weighted fair share.
     */
    public Map<String, List<String>> queuedTaskIdsByTenant(Collection<String> capabilities, int limitPerTenant,
                                                           Predicate<String> eligible) {
        return queues.peekByTenant(capabilities, limitPerTenant, eligible);
    }

    /**
     * Agents that hold or ran another source of the same consensus or race task as {@code task}: the router must
     * not give it to them (sources run on distinct agents). Empty for other tasks.
     */
    public java.util.Set<String> agentsOfSiblingSources(Task task) {
        return taskApplier.agentsOfSiblings(task);
    }

    public int queueDepth(String capability) {
        return queues.depth(capability);
    }

    /** Queued tasks per capability. */
    public Map<String, Integer> queueDepths() {
        return queues.depths();
    }

    public Optional<Workflow> workflowById(String id) {
        return Optional.ofNullable(workflows.get(id));
    }

    /** Up to {@code limit} workflows ordered by id after {@code afterId} (exclusive; null = from the start). */
    public List<Workflow> workflowsPage(String afterId, int limit, Predicate<Workflow> filter) {
        return workflows.values().stream()
                .filter(w -> afterId == null || w.id().compareTo(afterId) > 0)
                .filter(filter)
                .sorted(Comparator.comparing(Workflow::id))
                .limit(limit)
                .toList();
    }

    /** Every workflow, in no particular order. */
    public Collection<Workflow> allWorkflows() {
        return java.util.Collections.unmodifiableCollection(workflows.values());
    }

    /** The workflow a step task belongs to, or empty for a task submitted on its own. */
    public Optional<String> workflowIdOfTask(String taskId) {
        WorkflowApplier.StepRef ref = stepByTaskId.get(taskId);
        return ref == null ? Optional.empty() : Optional.of(ref.workflowId());
    }

    public int finishedWorkflowCount() {
        return finishedWorkflows.size();
    }

    public Optional<Tenant> tenantByName(String name) {
        return Optional.ofNullable(tenantBook.tenants.get(name));
    }

    /** Configured tenants ordered by name. */
    public List<Tenant> tenants() {
        return tenantBook.tenants.values().stream().sorted(Comparator.comparing(Tenant::name)).toList();
    }

    /** The tenant's settings resolved against {@code defaults}: its own where set, else the default's. */
    public TenantSettings tenantSettings(String tenant, TenantSettings defaults) {
        Tenant configured = tenantBook.tenants.get(tenant);
        return configured == null ? defaults : configured.settings().orElse(defaults);
    }

    /** Names of tenants that are configured, have queued or in-flight tasks, or spent something, sorted. */
    public List<String> knownTenantNames() {
        return tenantBook.knownNames();
    }

    /** The tenant's spend ledger (an empty one if it never spent). */
    public TenantSpend tenantSpend(String tenant) {
        return tenantBook.spendOf(tenant);
    }

    /** The tenant's tasks that are leased or running. */
    public int tenantInFlight(String tenant) {
        return tenantBook.inFlight(tenant);
    }

    /** The tenant's queued tasks. */
    public int tenantQueued(String tenant) {
        return tenantBook.queued(tenant);
    }

    public int countInState(TaskState state) {
        return countsByState.getOrDefault(state, 0);
    }

    public int taskCount() {
        return tasks.size();
    }

    public long nextSeq() {
        return nextSeq;
    }

    // ---- mutation helpers shared by the appliers ----

    /** Replaces (or inserts) a task and keeps every index in step. */
    void putTask(Task before, Task after, Consumer<StateEvent> events) {
        if (before != null) {
            unindex(before);
        }
        tasks.put(after.id(), after);
        index(after);
        events.accept(new StateEvent.TaskChanged(before, after));
    }

    void removeTask(Task task, Consumer<StateEvent> events) {
        unindex(task);
        tasks.remove(task.id());
        feedback.remove(task.id());
        if (task.spec().idempotencyKey() != null) {
            taskIdByIdempotencyKey.remove(idempotencyIndexKey(task.spec().tenant(), task.spec().idempotencyKey()));
        }
        events.accept(new StateEvent.TaskEvicted(task));
    }

    private void index(Task task) {
        countsByState.merge(task.state(), 1, Integer::sum);
        if (!task.spec().strategy().fansOut()) {
            tenantBook.count(task, 1); // a fan-out parent holds no agent: its sources count
        }
        if (task.state() == TaskState.QUEUED && !task.spec().strategy().fansOut()) {
            queues.add(task); // a consensus or race parent never runs itself: its sources are queued instead
        } else if (task.state().isTerminal()) {
            finished.add(task);
        }
        if (task.spec().idempotencyKey() != null) {
            taskIdByIdempotencyKey.put(idempotencyIndexKey(task.spec().tenant(), task.spec().idempotencyKey()),
                    task.id());
        }
    }

    private void unindex(Task task) {
        countsByState.merge(task.state(), -1, Integer::sum);
        if (!task.spec().strategy().fansOut()) {
            tenantBook.count(task, -1);
        }
        if (task.state() == TaskState.QUEUED && !task.spec().strategy().fansOut()) {
            queues.remove(task);
        } else if (task.state().isTerminal()) {
            finished.remove(task);
        }
    }

    /** Inserts a workflow into every index (the primary map too); the caller removed its previous version. */
    void index(Workflow workflow) {
        workflows.put(workflow.id(), workflow);
        if (workflow.state().isTerminal()) {
            finishedWorkflows.add(workflow);
        }
        if (workflow.spec().idempotencyKey() != null) {
            workflowIdByIdempotencyKey.put(
                    idempotencyIndexKey(workflow.spec().tenant(), workflow.spec().idempotencyKey()), workflow.id());
        }
        for (Workflow.Step step : workflow.steps()) {
            if (step.taskId() != null) {
                stepByTaskId.put(step.taskId(), new WorkflowApplier.StepRef(workflow.id(), step.id()));
            }
        }
    }

    static String idempotencyIndexKey(String tenant, String key) {
        return tenant + '\u0000' + key;
    }

    // ---- snapshots ----

    /** A copy of the state's primary data, sorted, for snapshots and digests. */
    public StateSnapshot toSnapshot() {
        List<Task> sortedTasks = new ArrayList<>(tasks.values());
        sortedTasks.sort(Comparator.comparing(Task::id));
        List<Workflow> sortedWorkflows = new ArrayList<>(workflows.values());
        sortedWorkflows.sort(Comparator.comparing(Workflow::id));
        List<TenantSpend> ledgers = tenantBook.spend.values().stream()
                .sorted(Comparator.comparing(TenantSpend::tenant)).toList();
        List<AgentHealth> sortedHealth = new ArrayList<>(health.values());
        sortedHealth.sort(Comparator.comparing(AgentHealth::agentId));
        return new StateSnapshot(StateSnapshot.FORMAT_VERSION, nextSeq, agents(), sortedTasks, apiKeys(), tenants(),
                ledgers, new AuditSnapshot(audit.all(), audit.lastSeq(), audit.headHash(), agentOwners), sortedHealth,
                new java.util.TreeMap<>(feedback), sortedWorkflows);
    }

    /**
     * Rebuilds a state, with every index, from a snapshot. A snapshot no Baton wrote (a record missing its id, its
     * spec, ...) is refused with {@link IllegalArgumentException} rather than loaded half-built.
     */
    public static BatonState fromSnapshot(StateSnapshot snapshot) {
        try {
            return rebuild(snapshot);
        } catch (NullPointerException | ClassCastException | IllegalStateException e) {
            throw new IllegalArgumentException("inconsistent snapshot: " + e.getMessage(), e);
        }
    }

    private static BatonState rebuild(StateSnapshot snapshot) {
        SnapshotCheck.check(snapshot);
        BatonState state = new BatonState();
        state.nextSeq = snapshot.nextSeq();
        snapshot.agents().forEach(a -> state.agents.put(a.id(), a));
        snapshot.apiKeys().forEach(k -> {
            state.apiKeys.put(k.id(), k);
            state.apiKeyIdBySha256.put(k.tokenSha256(), k.id());
            if (k.previousSha256() != null) {
                state.apiKeyIdBySha256.put(k.previousSha256(), k.id());
            }
        });
        snapshot.tenants().forEach(t -> state.tenantBook.tenants.put(t.name(), t));
        snapshot.tenantSpend().forEach(l -> state.tenantBook.spend.put(l.tenant(), l));
        snapshot.tasks().forEach(decoded -> {
            Task t = state.shared.task(decoded);
            state.tasks.put(t.id(), t);
            state.index(t);
        });
        snapshot.workflows().forEach(state::index);
        snapshot.health().forEach(h -> state.health.put(h.agentId(), h));
        state.feedback.putAll(snapshot.feedback());
        AuditSnapshot security = snapshot.audit();
        if (security != null) {
            state.audit.restore(security.entries(), security.lastSeq(), security.headHash());
            state.agentOwners.putAll(security.agentOwners());
        }
        return state;
    }
}
