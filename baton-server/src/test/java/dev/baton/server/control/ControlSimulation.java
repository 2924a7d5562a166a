package dev.baton.server.control;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorInfo;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.ReportResults;
import dev.baton.core.state.Agent;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.StateSnapshot;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import dev.baton.server.state.StateStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * One seeded run of core + control: simulated agents and clients over a {@link Control} whose log commits late and
 * in random amounts (and now and then refuses a proposal or loses its outcome), a control thread that lags, a clock
 * that jumps, agents that crash, leader changes and restarts from a snapshot. Every choice comes from one
 * {@link Random}, so a seed replays the same run. {@link #run()} throws an {@link AssertionError} on the first
 * violated invariant; {@link #trace()} tells the last steps that led there.
 */
final class ControlSimulation {
    static final ControlSettings SETTINGS = new ControlSettings(1_000, 8_000, 12_000, 5_000, 600_000, 15_000);
    private static final List<String> CAPABILITIES = List.of("echo", "llm");
    private static final int FAULT_STEPS = 600;
    private static final int HEAL_STEP_LIMIT = 2_000;
    private static final int MAX_PENDING_PROPOSALS = 10_000;
    private static final int TRACE_LINES = 60;

    /** One server: its state, log, control thread and control loop. Replaced whole on a restart. */
    private record Node(StateStore store, InMemoryCommandLog log, ManualExecutor loop, Control control) {
        static Node start(StateStore store, InMemoryCommandLog log, FakeClock clock, long seed) {
            ManualExecutor loop = new ManualExecutor();
            Control control = new Control(log, store, loop, clock, SETTINGS, new Random(seed));
            control.onLeadershipChange(true);
            return new Node(store, log, loop, control);
        }
    }

    private final Random rnd;
    private final FakeClock clock = new FakeClock(ControlHarness.START_MS);
    private final SimInvariants invariants = new SimInvariants();
    private final List<SimAgent> agents = new ArrayList<>();
    private final Set<String> acknowledged = new LinkedHashSet<>();
    private final List<CompletableFuture<Outcome>> submits = new ArrayList<>();
    private final List<CompletableFuture<Outcome>> cancels = new ArrayList<>();
    private final ArrayDeque<String> trace = new ArrayDeque<>();
    private Node node;
    private boolean leaderUp = true;
    private int stepsWithoutLeader;
    private int step;

    ControlSimulation(long seed) {
        this.rnd = new Random(seed);
        StateStore store = new StateStore();
        node = start(store, InMemoryCommandLog.queued(store));
        int count = 2 + rnd.nextInt(4);
        for (int i = 0; i < count; i++) {
            List<String> offers = rnd.nextInt(3) == 0 ? List.of(CAPABILITIES.get(rnd.nextInt(CAPABILITIES.size())))
                    : CAPABILITIES;
            agents.add(new SimAgent("agent-" + i, offers, 1 + rnd.nextInt(4)));
        }
    }

    private Node start(StateStore store, InMemoryCommandLog log) {
        log.onCommit((command, outcome) -> {
            if (outcome instanceof Outcome.Leased leased && !leased.tasks().isEmpty()) {
                agents.stream().filter(a -> leased.agentId().equals(a.id)).findFirst()
                        .ifPresent(a -> a.leaseCommitted(leased.tasks()));
            }
        });
        return Node.start(store, log, clock, rnd.nextLong());
    }

    void run() {
        for (step = 1; step <= FAULT_STEPS; step++) {
            faultyStep();
            afterStep();
        }
        heal();
    }

    String trace() {
        return "last steps (newest last):\n  " + String.join("\n  ", trace) + "\nagents: " + agents;
    }

    // ---- the faulty phase ----

    private void faultyStep() {
        int roll = rnd.nextInt(100);
        if (roll < 14) {
            submit();
        } else if (roll < 17) {
            cancel();
        } else if (roll < 67) {
            agentAction(agents.get(rnd.nextInt(agents.size())));
        } else if (roll < 82) {
            advance(switch (rnd.nextInt(20)) {
                case 0 -> 10_000 + rnd.nextInt(20_000);
                case 1, 2, 3, 4 -> rnd.nextInt(6_000);
                default -> rnd.nextInt(1_500);
            });
        } else if (roll < 95) {
            int committed = node.log.flush(rnd.nextInt(node.log.pendingCount() + 1));
            note("commit " + committed + " entries");
        } else if (roll < 96) {
            logFault();
        } else if (roll < 99) {
            loseLeadership();
        } else {
            restartFromSnapshot();
        }
        switch (rnd.nextInt(4)) {
            case 0 -> node.loop.runNext(rnd.nextInt(node.loop.queued() + 1));
            case 1 -> { } // the control thread is slow this step
            default -> node.loop.runAll();
        }
        if (!leaderUp && --stepsWithoutLeader <= 0) {
            note("leadership regained");
            leaderUp = true;
            node.control.onLeadershipChange(true);
        }
    }

    private void submit() {
        String key = rnd.nextInt(10) < 3 ? "key-" + rnd.nextInt(5) : null;
        RetryPolicy retry = new RetryPolicy(1 + rnd.nextInt(4), 100 + rnd.nextInt(2_000), 2.0, 10_000,
                rnd.nextBoolean() ? List.of("FATAL") : List.of());
        Timeouts timeouts = new Timeouts(rnd.nextInt(4) == 0 ? 5_000 + rnd.nextInt(55_000) : 0,
                rnd.nextInt(4) == 0 ? 5_000 + rnd.nextInt(25_000) : 0,
                rnd.nextInt(4) == 0 ? 3_000 + rnd.nextInt(7_000) : 0);
        TaskSpec spec = new TaskSpec(CAPABILITIES.get(rnd.nextInt(CAPABILITIES.size())), "{}",
                TaskSpec.MIN_PRIORITY + rnd.nextInt(TaskSpec.MAX_PRIORITY), key, null, Map.of(), retry, timeouts);
        note("client submits " + spec.capability() + " key=" + key + " " + retry + " " + timeouts);
        submits.add(node.control.submit(spec));
    }

    private void cancel() {
        if (acknowledged.isEmpty()) {
            return;
        }
        String taskId = List.copyOf(acknowledged).get(rnd.nextInt(acknowledged.size()));
        note("client cancels " + taskId);
        cancels.add(node.control.cancel(taskId, "simulated cancel"));
    }

    private void agentAction(SimAgent agent) {
        Control control = node.control;
        if (agent.crashed) {
            if (rnd.nextInt(3) == 0) {
                note(agent.name + " comes back");
                agent.crashed = false;
            }
            return;
        }
        if (agent.id == null) {
            note(agent.name + " registers");
            agent.register(control);
            return;
        }
        int roll = rnd.nextInt(100);
        if (roll < 30) {
            if (agent.canPoll()) {
                int max = 1 + rnd.nextInt(agent.maxConcurrency);
                long waitMs = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt((int) SETTINGS.maxPollWaitMs() + 1);
                note(agent.name + " polls max=" + max + " wait=" + waitMs);
                agent.poll(control, max, waitMs);
            }
        } else if (roll < 55) {
            if (agent.canHeartbeat()) {
                List<TaskRef> refs = agent.heldRefs().stream().filter(r -> rnd.nextInt(8) != 0).toList();
                note(agent.name + " heartbeats " + refs);
                agent.heartbeat(control, refs);
            }
        } else if (roll < 88) {
            reportOrHeartbeat(agent, roll);
        } else if (roll < 90) {
            note(agent.name + " crashes");
            agent.crash();
        } else if (roll < 92 && !agent.draining && agents.stream().filter(a -> !a.draining).count() > 2) {
            note(agent.name + " drains");
            agent.drain(control);
        }
    }

    /** Works on one attempt the agent holds: a result (good, failed, stale, repeated) or a task heartbeat. */
    private void reportOrHeartbeat(SimAgent agent, int roll) {
        if (roll >= 76 && roll < 80) {
            if (!agent.sent.isEmpty()) {
                ReportResults.Report old = agent.sent.get(rnd.nextInt(agent.sent.size()));
                note(agent.name + " repeats its result " + old.taskId() + "#" + old.attempt() + " " + old.status());
                agent.report(node.control, old);
            }
            return;
        }
        if (agent.held.isEmpty()) {
            return;
        }
        List<String> held = List.copyOf(agent.held.keySet());
        String taskId = held.get(rnd.nextInt(held.size()));
        if (roll < 68) {
            report(agent, taskId, agent.held.remove(taskId), TaskState.SUCCEEDED, null);
        } else if (roll < 76) {
            ErrorInfo error = switch (rnd.nextInt(3)) {
                case 0 -> ErrorInfo.of("FATAL", "simulated fatal error", true);
                case 1 -> ErrorInfo.of("BAD_INPUT", "simulated permanent error", false);
                default -> ErrorInfo.of("FLAKY", "simulated transient error", true);
            };
            report(agent, taskId, agent.held.remove(taskId), TaskState.FAILED, error);
        } else if (roll < 84) {
            int attempt = agent.held.get(taskId) + (rnd.nextBoolean() ? -1 : 1);
            report(agent, taskId, attempt, rnd.nextBoolean() ? TaskState.SUCCEEDED : TaskState.FAILED,
                    ErrorInfo.of("FLAKY", "stale", true));
        } else {
            note(agent.name + " task-heartbeats " + taskId + "#" + agent.held.get(taskId));
            agent.send(node.control.taskHeartbeat(taskId, agent.held.get(taskId)));
        }
    }

    private void report(SimAgent agent, String taskId, int attempt, TaskState status, ErrorInfo error) {
        note(agent.name + " reports " + taskId + "#" + attempt + " " + status
                + (error == null ? "" : " " + error.code()));
        agent.report(node.control, new ReportResults.Report(taskId, attempt, status,
                status == TaskState.SUCCEEDED ? "{\"by\":\"" + agent.name + "\"}" : null, error, 0));
    }

    private void advance(long ms) {
        clock.advance(ms);
        note("clock +" + ms + " ms, tick");
        node.loop.execute(node.control::tick);
    }

    /** A proposal fails while this node stays leader: refused outright, or committed with its outcome lost. */
    private void logFault() {
        if (rnd.nextBoolean()) {
            if (node.log.rejectNext(new IllegalStateException("simulated: proposal queue is full"))) {
                note("log refuses the oldest pending entry");
            }
        } else if (node.log.commitNextAndLoseOutcome(
                new IllegalStateException("simulated: entry committed but its outcome did not reach this node"))) {
            note("log commits the oldest pending entry and loses its outcome");
        }
    }

    private void loseLeadership() {
        if (!leaderUp) {
            return;
        }
        node.control.onLeadershipChange(false);
        if (rnd.nextBoolean()) {
            node.loop.runAll(); // else the old term's entries commit before the loop hears of the change
        }
        int committed = node.log.flush(rnd.nextInt(node.log.pendingCount() + 1));
        int lost = rnd.nextBoolean() ? node.log.failPending(new NotLeaderException(null)) : 0;
        node.log.newTerm();
        leaderUp = false;
        stepsWithoutLeader = 1 + rnd.nextInt(5);
        note("leadership lost: " + committed + " entries committed, " + lost + " lost, "
                + node.log.pendingCount() + " commit in the next term");
    }

    private void restartFromSnapshot() {
        int committed = node.log.flush(rnd.nextInt(node.log.pendingCount() + 1));
        int lost = node.log.failPending(new NotLeaderException(null));
        collectAnswers();
        StateStore.PositionedSnapshot before = node.store.snapshot();
        StateSnapshot decoded = SnapshotCodec.decode(SnapshotCodec.encode(before.snapshot()));
        StateStore store = new StateStore();
        store.restore(decoded, before.term(), before.index());
        if (!SnapshotCodec.digest(store.snapshot().snapshot()).equals(SnapshotCodec.digest(before.snapshot()))) {
            throw new AssertionError("state restored from a snapshot differs from the state it was taken of");
        }
        node = start(store, InMemoryCommandLog.queued(store, before.term() + 1, before.index()));
        leaderUp = true;
        agents.forEach(SimAgent::serverRestarted);
        submits.clear();
        cancels.clear();
        note("restart from snapshot at index " + before.index() + ": " + committed + " entries committed, " + lost
                + " lost");
    }

    // ---- healing ----

    /** Stops every fault; agents then work properly until every acknowledged task and every drain has finished. */
    private void heal() {
        note("heal: no more faults");
        if (!leaderUp) {
            leaderUp = true;
            node.control.onLeadershipChange(true);
        }
        agents.forEach(a -> a.crashed = false);
        agents.add(new SimAgent("healer", CAPABILITIES, 8));
        for (int i = 0; i < HEAL_STEP_LIMIT; i++, step++) {
            for (SimAgent agent : agents) {
                agent.collect();
                if (agent.id == null) {
                    agent.register(node.control);
                    continue;
                }
                for (TaskRef ref : agent.heldRefs()) {
                    report(agent, ref.taskId(), agent.held.remove(ref.taskId()), TaskState.SUCCEEDED, null);
                }
                if (agent.canHeartbeat()) {
                    agent.heartbeat(node.control, agent.heldRefs());
                }
                if (agent.canPoll()) {
                    agent.poll(node.control, agent.maxConcurrency - agent.held.size(), 1_000);
                }
            }
            settle();
            afterStep();
            if (acknowledged.stream().allMatch(invariants::seenTerminal) && drainingAgents().isEmpty()) {
                return;
            }
            advance(1_000);
            settle();
        }
        String unfinished = acknowledged.stream().filter(id -> !invariants.seenTerminal(id))
                .map(id -> node.store.read(s -> s.taskById(id).map(Task::toString).orElse(id + " (missing)")))
                .collect(Collectors.joining("\n  "));
        throw new AssertionError("after " + HEAL_STEP_LIMIT + " healthy steps, acknowledged tasks unfinished:\n  "
                + unfinished + "\nagents still draining: " + drainingAgents());
    }

    private List<String> drainingAgents() {
        return node.store.read(s -> s.agents().stream().filter(a -> a.state() == AgentState.DRAINING)
                .map(Agent::id).toList());
    }

    private void settle() {
        for (int round = 0; node.loop.runAll() + node.log.flush() > 0; round++) {
            if (round > 1_000) {
                throw new AssertionError("the control loop and the log never went quiet");
            }
        }
    }

    // ---- checks ----

    private void afterStep() {
        collectAnswers();
        invariants.check(node.store.read(s -> s));
        if (node.log.pendingCount() > MAX_PENDING_PROPOSALS) {
            throw new AssertionError(node.log.pendingCount() + " proposals pending: the leader proposes without bound");
        }
    }

    private void collectAnswers() {
        agents.forEach(SimAgent::collect);
        submits.removeIf(submit -> {
            if (!submit.isDone()) {
                return false;
            }
            if (answer(submit) instanceof Outcome.TaskOutcome created) {
                acknowledged.add(created.task().id());
            }
            return true;
        });
        cancels.removeIf(cancel -> {
            if (cancel.isDone()) {
                answer(cancel);
            }
            return cancel.isDone();
        });
    }

    private static Outcome answer(CompletableFuture<Outcome> request) {
        try {
            return request.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotLeaderException || e.getCause() instanceof IllegalStateException) {
                return null;
            }
            throw new AssertionError("a client request failed unexpectedly", e.getCause());
        }
    }

    private void note(String what) {
        trace.addLast("step " + step + " @" + (clock.getAsLong() - ControlHarness.START_MS) + "ms: " + what);
        if (trace.size() > TRACE_LINES) {
            trace.removeFirst();
        }
    }
}
