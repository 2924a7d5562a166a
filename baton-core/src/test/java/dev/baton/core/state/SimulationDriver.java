package dev.baton.core.state;

import static dev.baton.core.state.SimulationInvariants.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.ResultsResponse.RejectedResult;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.codec.CommandCodec;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.AwaitInput;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.Command;
import dev.baton.core.command.DeregisterAgent;
import dev.baton.core.command.EvictFinishedTasks;
import dev.baton.core.command.ExpireAttempt;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.ProvideInput;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.SetAgentState;
import dev.baton.core.command.StartTasks;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.SubmitWorkflow;
import dev.baton.core.command.TimeOutTask;
import dev.baton.core.route.AgentSlot;
import dev.baton.core.route.Assignment;
import dev.baton.core.route.QueuedTask;
import dev.baton.core.route.Router;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Plays a leader against a {@link BatonState}: every decision (time, ids, routing, jitter, faults) comes from one
 * {@link Random}, so a seed replays the run exactly. Every command goes through {@link CommandCodec} like a log
 * entry, every event is checked against a mirror of the state, and the state is periodically replaced by its own
 * snapshot, as a restarted follower would be.
 */
final class SimulationDriver {
    private static final List<String> CAPABILITIES = List.of("summarize", "translate", "code.review", "embed");
    private static final List<String> TENANTS = List.of("acme", "globex");
    private static final Set<String> TIMEOUT_CODES = Set.of(
            ErrorCodes.START_TO_CLOSE_TIMEOUT, ErrorCodes.HEARTBEAT_TIMEOUT, ErrorCodes.LEASE_EXPIRED);
    private static final int MAX_AGENTS = 8;
    private static final int TRACE = 12;
    private static final int CODEC_EVERY = 4;

    private final Random random;
    private final SimulationInvariants invariants = new SimulationInvariants();
    private BatonState state = new BatonState();
    private Router router = new Router();
    private long nowMs = 1_700_000_000_000L;
    private int nextTaskId = 1;
    private int nextWorkflowId = 1;
    private int nextAgentId = 1;
    private int step;
    private long entries;

    private final List<Command> log = new ArrayList<>();
    private final Deque<Object> trace = new ArrayDeque<>();
    private final EventMirror mirror = new EventMirror();
    private final Set<String> acknowledged = mirror.acknowledged();
    private final Set<String> agentIdsEverUsed = new TreeSet<>();
    /** Attempts that were leased at some point, for stale and duplicate reports. */
    private final List<PastAttempt> pastAttempts = new ArrayList<>();
    /** Accepted reports that finished their task, for duplicate re-sends. */
    private final List<ReportResults> finishingReports = new ArrayList<>();

    /** How often each interesting case happened, so a test can tell the run was not vacuous. */
    private final Map<String, Integer> coverage = new TreeMap<>();

    private record PastAttempt(String taskId, int attempt, String agentId) {}

    SimulationDriver(long seed) {
        this.random = new Random(seed);
    }

    Map<String, Integer> coverage() {
        return coverage;
    }

    int step() {
        return step;
    }

    String recentCommands() {
        return String.join("\n  ", trace.stream().map(String::valueOf).toList());
    }

    void run(int steps) {
        for (step = 0; step < steps; step++) {
            nowMs += random.nextInt(10) == 0 ? 1_000 + random.nextInt(5_000) : random.nextInt(300);
            randomAction();
            checkInvariants();
        }
    }

    private void randomAction() {
        int roll = random.nextInt(100);
        if (roll < 6 || state.agents().isEmpty()) {
            registerAgent();
        } else if (roll < 24) {
            submitTasks();
        } else if (roll < 25) {
            submitWorkflow();
        } else if (roll < 44) {
            leaseRound(false);
        } else if (roll < 47) {
            staleLease();
        } else if (roll < 55) {
            startSome();
        } else if (roll < 67) {
            reportResults(true);
        } else if (roll < 74) {
            reportResults(false);
        } else if (roll < 77) {
            reportStale();
        } else if (roll < 79) {
            resendFinishingReport();
        } else if (roll < 84) {
            changeAgentState();
        } else if (roll < 85) {
            deregister();
        } else if (roll < 90) {
            expire();
        } else if (roll < 93) {
            timeOutQueued();
        } else if (roll < 94) {
            cancel();
        } else if (roll < 95) {
            askOrAnswer();
        } else if (roll < 99) {
            evict();
        } else {
            restoreFromSnapshot();
        }
    }

    // ---- leader actions ----

    private void registerAgent() {
        String id;
        int minConcurrency = 1;
        if (!agentIdsEverUsed.isEmpty() && (state.agents().size() >= MAX_AGENTS || random.nextInt(4) == 0)) {
            id = pick(List.copyOf(agentIdsEverUsed));
            minConcurrency = state.agentById(id).map(a -> Math.max(1, a.activeTaskIds().size())).orElse(1);
        } else {
            id = "a%02d".formatted(nextAgentId++);
        }
        List<String> capabilities = new ArrayList<>();
        for (String c : CAPABILITIES) {
            if (random.nextInt(3) == 0) {
                capabilities.add(c);
            }
        }
        if (capabilities.isEmpty()) {
            capabilities.add(pick(CAPABILITIES));
        }
        int concurrency = Math.max(minConcurrency, 1 + random.nextInt(4));
        Outcome outcome = apply(new RegisterAgent(id, "agent " + id, capabilities,
                Map.of("zone", "z" + random.nextInt(3)), concurrency, nowMs));
        covered(agentIdsEverUsed.add(id) ? "register new agent" : "re-register agent");
        assertThat(outcome).isInstanceOfSatisfying(Outcome.AgentOutcome.class,
                o -> assertThat(o.agent().state()).isEqualTo(AgentState.READY));
    }

    /** A small workflow: a root, one or two middle steps reading its output, and maybe a join reading theirs. */
    private void submitWorkflow() {
        RetryPolicy retry = new RetryPolicy(1 + random.nextInt(3), 100, 2.0, 2_000, List.of());
        List<WorkflowSpec.Step> steps = new ArrayList<>();
        steps.add(new WorkflowSpec.Step("root", List.of(), stepTask("{\"in\":{\"$ref\":\"workflow.input\"}}", retry)));
        List<String> middle = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(2); i++) {
            middle.add("m" + i);
            steps.add(new WorkflowSpec.Step("m" + i, List.of("root"),
                    stepTask("{\"root\":{\"$ref\":\"steps.root.output\"}}", retry)));
        }
        if (random.nextBoolean()) {
            steps.add(new WorkflowSpec.Step("join", middle, stepTask("[{\"$ref\":\"steps.m0.output\"}]", retry)));
        }
        String id = "w_%04d".formatted(nextWorkflowId++);
        Outcome outcome = apply(new SubmitWorkflow(id, new WorkflowSpec(null, pick(TENANTS), "{\"n\":1}",
                random.nextBoolean(), null, steps), nowMs));
        assertThat(outcome).isInstanceOf(Outcome.WorkflowOutcome.class);
        covered("submit workflow");
    }

    private TaskSpec stepTask(String template, RetryPolicy retry) {
        return new TaskSpec(pick(CAPABILITIES), template, 1 + random.nextInt(5), null, null, Map.of(), retry,
                Timeouts.NONE);
    }

    private void submitTasks() {
        List<Command> batch = new ArrayList<>();
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
            String key = random.nextInt(10) < 3 ? "k" + random.nextInt(8) : null;
            RetryPolicy retry = new RetryPolicy(1 + random.nextInt(4), 100, 2.0, 2_000,
                    random.nextBoolean() ? List.of("BAD_INPUT") : List.of());
            Timeouts timeouts = new Timeouts(random.nextBoolean() ? 0 : 500 + random.nextInt(5_000),
                    random.nextBoolean() ? 0 : 1_000 + random.nextInt(10_000), 0);
            TaskSpec spec = new TaskSpec(pick(CAPABILITIES), "{\"n\":" + nextTaskId + "}", 1 + random.nextInt(5), key,
                    pick(TENANTS), Map.of(), retry, timeouts);
            batch.add(new SubmitTask("t%06d".formatted(nextTaskId++), spec, nowMs));
        }
        List<Outcome> outcomes = applyBatch(batch);
        for (int i = 0; i < batch.size(); i++) {
            SubmitTask submit = (SubmitTask) batch.get(i);
            Outcome outcome = outcomes.get(i);
            assertThat(outcome).isInstanceOf(Outcome.TaskOutcome.class);
            Outcome.TaskOutcome result = (Outcome.TaskOutcome) outcome;
            if (result.created()) {
                assertThat(result.task().id()).isEqualTo(submit.taskId());
                covered("submit new task");
            } else {
                covered("submit repeated idempotency key");
                assertThat(submit.spec().idempotencyKey()).as("only a repeated key returns an existing task")
                        .isNotNull();
                assertThat(result.task().spec().idempotencyKey()).isEqualTo(submit.spec().idempotencyKey());
                assertThat(result.task().spec().tenant()).isEqualTo(submit.spec().tenant());
            }
        }
    }

    /** Routes visible queued tasks to ready agents as the leader does, and checks apply leases the whole plan. */
    private void leaseRound(boolean fillEveryAgent) {
        List<AgentSlot> slots = new ArrayList<>();
        Set<String> offered = new TreeSet<>();
        int wantedTotal = 0;
        for (Agent agent : state.agents()) {
            if (agent.state() != AgentState.READY || agent.freeSlots() == 0) {
                continue;
            }
            int wanted = fillEveryAgent ? agent.freeSlots() : random.nextInt(agent.freeSlots() + 1);
            slots.add(new AgentSlot(agent.id(), new HashSet<>(agent.capabilities()), agent.activeTaskIds().size(),
                    agent.maxConcurrency(), wanted));
            offered.addAll(agent.capabilities());
            wantedTotal += wanted;
        }
        if (slots.isEmpty() || wantedTotal == 0) {
            return;
        }
        long now = nowMs;
        List<QueuedTask> queued = state.queuedTaskIds(offered, wantedTotal * 4,
                        id -> state.taskById(id).orElseThrow().visibleAtMs() <= now).stream()
                .map(id -> new QueuedTask(id, state.taskById(id).orElseThrow().spec().capability()))
                .toList();
        Map<String, List<String>> plan = new LinkedHashMap<>();
        for (Assignment a : router.assign(queued, slots)) {
            plan.computeIfAbsent(a.agentId(), k -> new ArrayList<>()).add(a.taskId());
        }
        for (Map.Entry<String, List<String>> entry : plan.entrySet()) {
            Outcome outcome = apply(new LeaseTasks(entry.getKey(), entry.getValue(), nowMs));
            assertThat(outcome).isInstanceOfSatisfying(Outcome.Leased.class, leased ->
                    assertThat(leased.tasks()).extracting(Task::id).as("apply leases the router's plan")
                            .isEqualTo(entry.getValue()));
            covered("lease routed tasks");
            entry.getValue().forEach(id -> pastAttempts.add(
                    new PastAttempt(id, state.taskById(id).orElseThrow().attempt(), entry.getKey())));
        }
    }

    /** A lease decided on a stale view: any agent, any tasks. Apply must lease only what passes its re-checks. */
    private void staleLease() {
        List<Task> tasks = allTasks(t -> true);
        if (tasks.isEmpty()) {
            return;
        }
        String agentId = pick(List.copyOf(agentIdsEverUsed));
        List<String> ids = new ArrayList<>();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            ids.add(pick(tasks).id());
        }
        Map<String, Task> before = new HashMap<>();
        ids.forEach(id -> before.put(id, state.taskById(id).orElseThrow()));
        Agent agentBefore = state.agentById(agentId).orElse(null);
        Outcome outcome = apply(new LeaseTasks(agentId, ids, nowMs));
        if (outcome instanceof Outcome.Leased leased) {
            assertThat(agentBefore).isNotNull();
            assertThat(agentBefore.state()).isEqualTo(AgentState.READY);
            assertThat(leased.tasks().size()).isLessThanOrEqualTo(agentBefore.freeSlots());
            boolean skipped = leased.tasks().size() < new HashSet<>(ids).size();
            covered(skipped ? "stale lease skips tasks" : "stale lease leases all");
            for (Task t : leased.tasks()) {
                Task was = before.get(t.id());
                assertThat(was.state()).isEqualTo(TaskState.QUEUED);
                assertThat(was.visibleAtMs()).isLessThanOrEqualTo(nowMs);
                assertThat(agentBefore.offers(was.spec().capability())).isTrue();
                pastAttempts.add(new PastAttempt(t.id(), t.attempt(), agentId));
            }
        } else {
            covered("stale lease rejected");
            assertThat(agentBefore == null || agentBefore.state() != AgentState.READY)
                    .as("lease rejected only for a missing or not-ready agent: %s", outcome).isTrue();
        }
    }

    private void startSome() {
        List<Task> leased = allTasks(t -> t.state() == TaskState.LEASED);
        if (leased.isEmpty()) {
            return;
        }
        Task task = pick(leased);
        boolean wrong = random.nextInt(5) == 0;
        int attempt = wrong ? task.attempt() + 1 : task.attempt();
        Outcome outcome = apply(new StartTasks(task.agentId(), List.of(new TaskRef(task.id(), attempt)), nowMs));
        assertThat(outcome).isEqualTo(new Outcome.Done(wrong ? 0 : 1));
        covered(wrong ? "start wrong attempt" : "start");
    }

    /** The holder of one or more live attempts reports them, in one command. */
    private void reportResults(boolean success) {
        List<Task> active = allTasks(t -> t.state().isActive());
        if (active.isEmpty()) {
            return;
        }
        String agentId = pick(active).agentId();
        List<Task> held = active.stream().filter(t -> t.agentId().equals(agentId)).toList();
        List<Task> chosen = held.subList(0, 1 + random.nextInt(held.size()));
        List<ReportResults.Report> reports = new ArrayList<>();
        for (Task task : chosen) {
            reports.add(success
                    ? new ReportResults.Report(task.id(), task.attempt(), TaskState.SUCCEEDED,
                            "{\"by\":\"" + agentId + "\",\"attempt\":" + task.attempt() + "}", null, 0)
                    : new ReportResults.Report(task.id(), task.attempt(), TaskState.FAILED, null, randomError(),
                            random.nextInt(2_000)));
        }
        ReportResults command = new ReportResults(agentId, reports, nowMs);
        Outcome.Results results = (Outcome.Results) apply(command);
        assertThat(results.rejected()).as("results of live attempts from their holder").isEmpty();
        assertThat(results.accepted()).isEqualTo(chosen.stream().map(Task::id).toList());
        for (int i = 0; i < chosen.size(); i++) {
            Task before = chosen.get(i);
            ReportResults.Report report = reports.get(i);
            Task after = state.taskById(before.id()).orElseThrow();
            TaskState expected = success ? TaskState.SUCCEEDED : afterFailure(before, effectiveError(report.error()));
            assertThat(after.state()).as("%s after %s", before.id(), report).isEqualTo(expected);
            covered("report " + (success ? "success" : "failure") + " -> " + expected.wireName());
            if (expected == TaskState.QUEUED) {
                assertThat(after.visibleAtMs()).isEqualTo(nowMs + report.retryDelayMs());
            } else {
                finishingReports.add(new ReportResults(agentId, List.of(report), nowMs));
            }
        }
    }

    /**
     * A result for an attempt that is no longer the task's latest: rejected as stale and counted, unless it repeats
     * exactly what was recorded for that attempt (a retried failure re-sent by its agent), which is accepted as is.
     */
    private void reportStale() {
        List<PastAttempt> stale = pastAttempts.stream()
                .filter(p -> state.taskById(p.taskId()).map(t -> t.attempt() > p.attempt()).orElse(false))
                .toList();
        if (stale.isEmpty()) {
            return;
        }
        PastAttempt old = pick(stale);
        Task before = state.taskById(old.taskId()).orElseThrow();
        TaskState status = random.nextBoolean() ? TaskState.SUCCEEDED : TaskState.FAILED;
        Attempt recorded = before.attempts().get(old.attempt() - 1);
        boolean repeat = old.agentId().equals(recorded.agentId()) && status.wireName().equals(recorded.outcome());
        Outcome.Results results = (Outcome.Results) apply(new ReportResults(old.agentId(), List.of(
                new ReportResults.Report(old.taskId(), old.attempt(), status,
                        status == TaskState.SUCCEEDED ? "0" : null,
                        status == TaskState.FAILED ? randomError() : null, 0)), nowMs));
        Task after = state.taskById(old.taskId()).orElseThrow();
        if (repeat) {
            assertThat(results.accepted()).containsExactly(old.taskId());
            assertThat(after).isEqualTo(before);
            covered("duplicate of superseded result accepted");
            return;
        }
        assertThat(results.accepted()).isEmpty();
        assertThat(results.rejected()).containsExactly(new RejectedResult(old.taskId(), ErrorCodes.STALE_ATTEMPT));
        assertThat(after.staleResults()).isEqualTo(before.staleResults() + 1);
        assertThat(after.state()).isEqualTo(before.state());
        assertThat(after.attempts()).isEqualTo(before.attempts());
        covered("stale result rejected" + (before.state().isTerminal() ? " after finish" : ""));
    }

    /** An agent re-sends a result that finished its task (a lost reply): accepted again, nothing changes. */
    private void resendFinishingReport() {
        List<ReportResults> live = finishingReports.stream()
                .filter(r -> state.taskById(r.reports().getFirst().taskId()).isPresent()).toList();
        if (live.isEmpty()) {
            return;
        }
        ReportResults original = pick(live);
        String taskId = original.reports().getFirst().taskId();
        Task before = state.taskById(taskId).orElseThrow();
        Outcome.Results results = (Outcome.Results) apply(
                new ReportResults(original.agentId(), original.reports(), nowMs));
        assertThat(results.accepted()).as("re-sent %s", original).containsExactly(taskId);
        assertThat(state.taskById(taskId)).contains(before);
        covered("duplicate result accepted");
    }

    private void changeAgentState() {
        List<Agent> agents = state.agents();
        Agent agent = pick(agents);
        AgentState next = pick(List.of(AgentState.READY, AgentState.DRAINING, AgentState.DOWN, AgentState.DOWN));
        List<String> held = agent.activeTaskIds();
        Outcome outcome = apply(new SetAgentState(agent.id(), next, null, nowMs));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.AgentOutcome.class,
                o -> assertThat(o.agent().state()).isEqualTo(next));
        if (next == AgentState.DOWN && !held.isEmpty()) {
            covered("agent down with tasks");
        }
        if (next == AgentState.DOWN) {
            assertThat(state.agentById(agent.id()).orElseThrow().activeTaskIds()).isEmpty();
            for (String id : held) {
                Task task = state.taskById(id).orElseThrow();
                assertThat(task.state()).as("%s after its agent went down", id)
                        .isIn(TaskState.QUEUED, TaskState.FAILED);
                if (task.state() == TaskState.QUEUED) {
                    assertThat(task.visibleAtMs()).as("requeued at once").isEqualTo(nowMs);
                }
            }
        } else {
            assertThat(state.agentById(agent.id()).orElseThrow().activeTaskIds()).isEqualTo(held);
        }
    }

    private void deregister() {
        Agent agent = pick(state.agents());
        apply(new DeregisterAgent(agent.id(), nowMs));
        covered(agent.activeTaskIds().isEmpty() ? "deregister idle agent" : "deregister agent with tasks");
        assertThat(state.agentById(agent.id())).isEmpty();
        for (String id : agent.activeTaskIds()) {
            assertThat(state.taskById(id).orElseThrow().agentId()).isNull();
        }
    }

    /** Expires a live attempt, or (sometimes) an attempt that is no longer live, which must change nothing. */
    private void expire() {
        List<Task> active = allTasks(t -> t.state().isActive());
        ErrorInfo reason = ErrorInfo.of(pick(List.of(ErrorCodes.LEASE_EXPIRED, ErrorCodes.START_TO_CLOSE_TIMEOUT,
                ErrorCodes.HEARTBEAT_TIMEOUT, ErrorCodes.AGENT_DOWN)), "ran out of time", true);
        long delay = random.nextInt(1_000);
        if (!active.isEmpty() && random.nextInt(4) != 0) {
            Task before = pick(active);
            Outcome outcome = apply(new ExpireAttempt(before.id(), before.attempt(), reason, delay, nowMs));
            TaskState expected = afterFailure(before, reason);
            assertThat(outcome).isInstanceOfSatisfying(Outcome.TaskOutcome.class,
                    o -> assertThat(o.task().state()).isEqualTo(expected));
            assertThat(state.agentById(before.agentId()).orElseThrow().activeTaskIds()).doesNotContain(before.id());
            covered("expire live attempt -> " + expected.wireName());
            return;
        }
        List<Task> tasks = allTasks(t -> true);
        if (tasks.isEmpty()) {
            return;
        }
        Task task = pick(tasks);
        int attempt = task.state().isActive() ? task.attempt() - 1 - random.nextInt(2) : task.attempt();
        assertThat(apply(new ExpireAttempt(task.id(), attempt, reason, delay, nowMs)))
                .isInstanceOf(Outcome.Rejected.class);
        covered("expire dead attempt rejected");
        assertThat(state.taskById(task.id())).contains(task);
    }

    /** The leader's schedule-to-start timer fires, on time or (sometimes) too early. */
    private void timeOutQueued() {
        long now = nowMs;
        List<Task> due = allTasks(t -> t.state() == TaskState.QUEUED && t.attempt() == 0
                && t.spec().timeouts().scheduleToStartMs() > 0
                && t.createdAtMs() + t.spec().timeouts().scheduleToStartMs() <= now);
        if (!due.isEmpty()) {
            Task task = pick(due);
            Outcome outcome = apply(new TimeOutTask(task.id(), nowMs));
            assertThat(outcome).isInstanceOfSatisfying(Outcome.TaskOutcome.class,
                    o -> assertThat(o.task().state()).isEqualTo(TaskState.TIMED_OUT));
            covered("schedule-to-start timeout");
            return;
        }
        List<Task> tasks = allTasks(t -> t.pendingInput() == null || t.pendingInput().deadlineMs() == 0
                || t.pendingInput().deadlineMs() > now);
        if (!tasks.isEmpty()) {
            Task task = pick(tasks);
            assertThat(apply(new TimeOutTask(task.id(), nowMs))).isInstanceOf(Outcome.Rejected.class);
            covered("early timeout rejected");
            assertThat(state.taskById(task.id())).contains(task);
        }
    }

    private void cancel() {
        List<Task> tasks = allTasks(t -> true);
        if (tasks.isEmpty()) {
            return;
        }
        Task before = pick(tasks);
        Outcome outcome = apply(new CancelTask(before.id(), random.nextBoolean() ? null : "changed plans", nowMs));
        covered("cancel " + before.state().wireName());
        if (before.state().isTerminal()) {
            assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
            assertThat(state.taskById(before.id())).contains(before);
        } else {
            assertThat(outcome).isInstanceOfSatisfying(Outcome.TaskOutcome.class,
                    o -> assertThat(o.task().state()).isEqualTo(TaskState.CANCELLED));
            if (before.state().isActive()) {
                assertThat(state.agentById(before.agentId()).orElseThrow().activeTaskIds())
                        .doesNotContain(before.id());
            }
        }
    }

    /** Human input: a live attempt asks a question, or a waiting task gets its answer (or a stale one). */
    private void askOrAnswer() {
        List<Task> waiting = allTasks(t -> t.state() == TaskState.AWAITING_INPUT);
        List<Task> active = allTasks(t -> t.state().isActive());
        if (!waiting.isEmpty() && (active.isEmpty() || random.nextBoolean())) {
            Task before = pick(waiting);
            int round = before.pendingInput().round() - (random.nextInt(5) == 0 ? 1 : 0);
            Outcome outcome = apply(new ProvideInput(before.id(), round, "{\"ok\":true}", nowMs));
            if (round == before.pendingInput().round()) {
                covered("answer question");
                assertThat(state.taskById(before.id()).orElseThrow().state()).isEqualTo(TaskState.QUEUED);
            } else {
                covered("answer stale question");
                assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
            }
        } else if (!active.isEmpty()) {
            Task before = pick(active);
            long deadline = random.nextBoolean() ? 0 : nowMs + random.nextInt(3_000);
            Outcome outcome = apply(new AwaitInput(before.id(), before.attempt(), "continue?", "{}", deadline, nowMs));
            if (before.inputs().size() < InputRound.MAX_ROUNDS) {
                covered("ask question");
                assertThat(outcome).isInstanceOf(Outcome.TaskOutcome.class);
                assertThat(state.agentById(before.agentId()).orElseThrow().activeTaskIds())
                        .doesNotContain(before.id());
            } else {
                assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
            }
        }
        for (Task task : allTasks(t -> t.pendingInput() != null && t.pendingInput().deadlineMs() > 0
                && t.pendingInput().deadlineMs() <= nowMs)) {
            apply(new TimeOutTask(task.id(), nowMs));
            covered("question timed out");
            assertThat(state.taskById(task.id()).orElseThrow().state()).isEqualTo(TaskState.TIMED_OUT);
        }
    }

    private void evict() {
        long cutoff = nowMs - random.nextInt(5_000);
        int max = 1 + random.nextInt(20);
        List<Task> eligible = allTasks(t -> t.state().isTerminal() && t.finishedAtMs() < cutoff);
        eligible = new ArrayList<>(eligible);
        eligible.sort(Comparator.comparingLong(Task::finishedAtMs).thenComparing(Task::id));
        List<String> expected = eligible.stream().limit(max).map(Task::id).toList();
        Outcome outcome = apply(new EvictFinishedTasks(cutoff, max, nowMs));
        assertThat(outcome).isEqualTo(new Outcome.Done(expected.size()));
        covered(expected.isEmpty() ? "evict nothing" : expected.size() == max ? "evict up to max" : "evict some");
        for (Task task : eligible.subList(0, expected.size())) {
            assertThat(state.taskById(task.id())).as("evicted %s", task.id()).isEmpty();
            if (task.spec().idempotencyKey() != null) {
                assertThat(state.taskIdByIdempotencyKey(task.spec().tenant(), task.spec().idempotencyKey()))
                        .as("idempotency key of evicted %s is free", task.id()).isEmpty();
            }
        }
    }

    /** Replaces the state by its own snapshot, as a follower installing it would; nothing observable may change. */
    private void restoreFromSnapshot() {
        StateSnapshot snapshot = state.toSnapshot();
        String digest = SnapshotCodec.digest(snapshot);
        BatonState restored = BatonState.fromSnapshot(SnapshotCodec.decode(SnapshotCodec.encode(snapshot)));
        assertThat(restored.toSnapshot()).isEqualTo(snapshot);
        assertThat(SnapshotCodec.digest(restored.toSnapshot())).as("digest after restore").isEqualTo(digest);
        state = restored;
        router = new Router();
        checkInvariants();
        mirror.rebaseOn(restored);
        note("restore from snapshot " + digest.substring(0, 12));
        covered("restore from snapshot");
    }

    // ---- end of run ----

    /** Makes every agent available, adds one agent per capability, and runs until every acknowledged task ends. */
    void drain(int maxRounds) {
        for (Agent agent : state.agents()) {
            if (agent.state() != AgentState.READY) {
                apply(new SetAgentState(agent.id(), AgentState.READY, "drain", nowMs));
            }
        }
        for (String capability : CAPABILITIES) {
            apply(new RegisterAgent("drain-" + capability, "drainer", List.of(capability), Map.of(), 8, nowMs));
        }
        for (int round = 0; round < maxRounds; round++) {
            if (acknowledged.stream().allMatch(id -> state.taskById(id).orElseThrow().state().isTerminal())) {
                checkInvariants();
                return;
            }
            nowMs += 1_000;
            Map<String, List<ReportResults.Report>> byAgent = new LinkedHashMap<>();
            for (Task task : allTasks(t -> t.state().isActive())) {
                byAgent.computeIfAbsent(task.agentId(), k -> new ArrayList<>()).add(new ReportResults.Report(
                        task.id(), task.attempt(), TaskState.SUCCEEDED, "\"drained\"", null, 0));
            }
            byAgent.forEach((agentId, reports) -> {
                Outcome.Results results = (Outcome.Results) apply(new ReportResults(agentId, reports, nowMs));
                assertThat(results.rejected()).isEmpty();
            });
            for (Task task : allTasks(t -> t.state() == TaskState.AWAITING_INPUT)) { // a human answers
                assertThat(apply(new ProvideInput(task.id(), task.pendingInput().round(), "true", nowMs)))
                        .isInstanceOf(Outcome.TaskOutcome.class);
            }
            leaseRound(true);
            checkInvariants();
        }
        List<String> stuck = acknowledged.stream()
                .filter(id -> !state.taskById(id).orElseThrow().state().isTerminal()).toList();
        assertThat(stuck).as("tasks still unfinished after draining %d rounds", maxRounds).isEmpty();
        assertThat(state.allWorkflows()).as("workflows end once their tasks have")
                .allMatch(w -> w.state().isTerminal());
    }

    /** Replays the whole log on a fresh state: it must reach the same digest as the run with its restores. */
    void checkReplayMatches() {
        BatonState replayed = new BatonState();
        log.forEach(c -> replayed.apply(c, e -> { }));
        assertThat(SnapshotCodec.digest(replayed.toSnapshot())).as("digest of a full replay")
                .isEqualTo(SnapshotCodec.digest(state.toSnapshot()));
    }

    // ---- plumbing ----

    private Outcome apply(Command command) {
        return applyBatch(List.of(command)).getFirst();
    }

    /**
     * Applies the batch as one log entry and checks its events against the mirror. Every {@value #CODEC_EVERY}th
     * entry goes through {@link CommandCodec} first, as a follower would read it (every entry would double the run
     * time; {@code CommandCodecTest} covers each command type).
     */
    private List<Outcome> applyBatch(List<Command> batch) {
        List<Command> decoded = batch;
        if (entries++ % CODEC_EVERY == 0) {
            decoded = CommandCodec.decode(CommandCodec.encode(batch));
            require(decoded.equals(batch), "codec round trip of %s gave %s", batch, decoded);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Command command : decoded) {
            note(command);
            List<StateEvent> events = new ArrayList<>();
            outcomes.add(state.apply(command, events::add));
            log.add(command);
            events.forEach(mirror::accept);
        }
        return outcomes;
    }

    private void checkInvariants() {
        invariants.check(state, acknowledged);
        mirror.checkMatches(state);
    }

    private ErrorInfo randomError() {
        return switch (random.nextInt(6)) {
            case 0 -> ErrorInfo.of("BAD_INPUT", "input rejected", true);
            case 1 -> ErrorInfo.of("FATAL", "cannot ever work", false);
            case 2 -> null;
            case 3 -> new ErrorInfo(null, "no code given", true);
            default -> ErrorInfo.of("FLAKY", "try again", true);
        };
    }

    /** The error apply records for a reported one (agents may omit it or its code). */
    private static ErrorInfo effectiveError(ErrorInfo reported) {
        if (reported == null) {
            return ErrorInfo.of("AGENT_ERROR", "", true);
        }
        return reported.code() == null ? ErrorInfo.of("AGENT_ERROR", "", reported.retryable()) : reported;
    }

    /** The retry policy as the spec states it: the state a task moves to when its live attempt fails. */
    private static TaskState afterFailure(Task task, ErrorInfo error) {
        RetryPolicy policy = task.spec().retry();
        boolean retry = error.retryable() && !policy.nonRetryableErrorCodes().contains(error.code())
                && task.attemptsCountedForRetry() < policy.maxAttempts();
        if (retry) {
            return TaskState.QUEUED;
        }
        return TIMEOUT_CODES.contains(error.code()) ? TaskState.TIMED_OUT : TaskState.FAILED;
    }

    private List<Task> allTasks(Predicate<Task> filter) {
        return state.tasksPage(null, Integer.MAX_VALUE, filter);
    }

    private void covered(String what) {
        coverage.merge(what, 1, Integer::sum);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Remembers what happened, formatted only if a failure prints it. */
    private void note(Object what) {
        if (trace.size() == TRACE) {
            trace.removeFirst();
        }
        trace.addLast(new TraceLine(step, nowMs, what));
    }

    private record TraceLine(int step, long nowMs, Object what) {
        @Override
        public String toString() {
            return "step " + step + " @" + nowMs + ": " + what;
        }
    }
}
