package dev.baton.server.control;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorInfo;
import dev.baton.api.RetryPolicy;
import dev.baton.api.Strategy;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.Command;
import dev.baton.core.command.ReportResults;
import dev.baton.core.state.Agent;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import dev.baton.core.state.TenantSettings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * One seeded run of core + control in a simulated cluster ({@link SimCluster}) with agents ({@link SimAgent}) and
 * clients ({@link SimClients}) talking over a faulty network ({@link SimNetwork}), a fake clock that jumps, and
 * control threads that lag. Every choice comes from one {@link RandomGenerator}, so a seed replays the same run.
 *
 * <p>A faulty phase injects faults and checks invariants after every step ({@link SimInvariants} on what changed,
 * {@link SimPollOracle} as leases commit and polls are answered, {@link SimLeaseOracle} at quiet points, and every
 * {@link #CHECKPOINT_STEPS} a full check and replica agreement); then the faults stop and the agents work properly
 * until every acknowledged task has finished. {@link #run()} throws an {@link AssertionError} on the first violated
 * invariant; {@link #trace()} tells the last steps that led there.
 */
final class ControlSimulation {
    /** Every tenant may hold this many tasks in flight ({@link SimInvariants#checkAll} checks it). */
    static final int MAX_IN_FLIGHT_PER_TENANT = 4;
    static final ControlSettings SETTINGS = new ControlSettings(1_000, 8_000, 12_000, 5_000, 60_000, 15_000)
            .withTenantDefaults(new TenantSettings(null, null, null, MAX_IN_FLIGHT_PER_TENANT, null, null));
    private static final List<String> TENANTS = List.of("acme", "globex");
    private static final List<String> CAPABILITIES = List.of("echo", "llm");
    private static final int FAULT_STEPS = 600;
    private static final int CHECKPOINT_STEPS = 300;
    private static final int HEAL_STEP_LIMIT = 2_000;
    private static final int MAX_PENDING_PROPOSALS = 10_000;
    private static final int TRACE_LINES = 60;

    private final RandomGenerator rnd;
    private final FakeClock clock = new FakeClock(ControlHarness.START_MS);
    private final SimInvariants invariants = new SimInvariants();
    private final SimLeaseOracle leases = new SimLeaseOracle(SETTINGS);
    private final SimPollOracle polls = new SimPollOracle();
    private final SimNetwork net;
    private final SimCluster cluster;
    private final SimClients clients;
    private final SimAgent.World world;
    private final List<SimAgent> agents = new ArrayList<>();
    private final ArrayDeque<String> trace = new ArrayDeque<>();
    private int step;

    ControlSimulation(long seed) {
        this.rnd = new Random(seed);
        this.net = new SimNetwork(rnd, clock);
        this.cluster = new SimCluster(2 + rnd.nextInt(2), rnd, clock, SETTINGS, new SimCluster.Observer() {
            @Override
            public void committed(Command command, Outcome outcome, SimNode proposer) {
                if (command instanceof ReportResults report && outcome instanceof Outcome.Results results) {
                    invariants.resultsCommitted(report, results, read(s -> s));
                }
                if (outcome instanceof Outcome.Leased leased && !leased.tasks().isEmpty()) {
                    note("log: " + leased.agentId() + " leased " + leased.tasks().stream().map(Task::id).toList()
                            + (proposer == null ? " (carried over)" : " by " + proposer.name()));
                    polls.leased(leased.agentId(), leased.tasks(), proposer);
                }
            }

            @Override
            public void leaderElected(SimNode node) {
                leases.leaderElected();
            }

            @Override
            public void leaderDrained() {
                leases.leaderDrained(clock.getAsLong());
            }

            @Override
            public void nodeCrashed(SimNode node) {
                net.nodeCrashed(node);
            }
        }, this::note);
        cluster.reference().addListener(events -> events.forEach(event -> {
            invariants.onEvent(event);
            leases.onEvent(event);
        }));
        this.world = new SimAgent.World(net, polls, cluster::leaderHint, (node, refs) -> {
            if (node == cluster.leader()) {
                refs.forEach(ref -> leases.vouched(ref.taskId(), ref.attempt()));
            }
        });
        this.clients = new SimClients(net, cluster::leaderHint, invariants);
        int count = 2 + rnd.nextInt(4);
        for (int i = 0; i < count; i++) {
            List<String> offers = rnd.nextInt(3) == 0 ? List.of(CAPABILITIES.get(rnd.nextInt(CAPABILITIES.size())))
                    : CAPABILITIES;
            agents.add(new SimAgent("agent-" + i, offers, 1 + rnd.nextInt(4), world));
        }
    }

    void run() {
        for (step = 1; step <= FAULT_STEPS; step++) {
            faultyStep();
            afterStep();
        }
        heal();
    }

    String trace() {
        return "last steps (newest last):\n  " + String.join("\n  ", trace) + "\nagents: " + agents + "\ncluster: "
                + cluster;
    }

    // ---- the faulty phase ----

    private void faultyStep() {
        int roll = rnd.nextInt(200);
        if (roll < 24) {
            submit();
        } else if (roll < 28) {
            if (!clients.retrySubmits()) {
                cancel();
            }
        } else if (roll < 128) {
            agentAction(agents.get(rnd.nextInt(agents.size())));
        } else if (roll < 160) {
            advance(switch (rnd.nextInt(20)) {
                case 0 -> 10_000 + rnd.nextInt(20_000);
                case 1, 2, 3, 4 -> rnd.nextInt(6_000);
                default -> rnd.nextInt(1_500);
            });
        } else if (roll < 164) {
            logFault();
        } else if (roll < 167) {
            cluster.changeLeader();
        } else if (roll < 168) {
            cluster.crash(cluster.nodes().get(rnd.nextInt(cluster.nodes().size())));
        } else if (roll < 172) {
            SimNode node = cluster.nodes().get(rnd.nextInt(cluster.nodes().size()));
            if (!cluster.installSnapshot(node)) {
                cluster.takeSnapshot(node);
            }
        } else if (roll < 178) {
            quietPoint();
        } // else: nothing new this step, what is under way goes on
        net.pump();
        cluster.runLoops();
        switch (rnd.nextInt(4)) {
            case 0 -> cluster.commit(rnd.nextInt(cluster.pendingCount() + 1));
            case 1 -> { } // the log is slow this step
            default -> cluster.commit(Integer.MAX_VALUE);
        }
        cluster.step();
    }

    private void submit() {
        String key = rnd.nextInt(10) < 3 ? "key-" + rnd.nextInt(5) : null;
        RetryPolicy retry = new RetryPolicy(1 + rnd.nextInt(4), 100 + rnd.nextInt(2_000), 2.0, 10_000,
                rnd.nextBoolean() ? List.of("FATAL") : List.of());
        Timeouts timeouts = new Timeouts(rnd.nextInt(4) == 0 ? 5_000 + rnd.nextInt(55_000) : 0,
                rnd.nextInt(4) == 0 ? 5_000 + rnd.nextInt(25_000) : 0,
                rnd.nextInt(4) == 0 ? 3_000 + rnd.nextInt(7_000) : 0);
        Strategy strategy = switch (rnd.nextInt(8)) {
            case 0 -> new Strategy(Strategy.CONSENSUS, 2 + rnd.nextInt(2), 2, Strategy.COMPARE_JSON, 60);
            case 1 -> new Strategy(Strategy.RACE, 2, null, null, 60);
            default -> Strategy.SINGLE_AGENT;
        };
        TaskSpec spec = new TaskSpec(CAPABILITIES.get(rnd.nextInt(CAPABILITIES.size())), "{}",
                TaskSpec.MIN_PRIORITY + rnd.nextInt(TaskSpec.MAX_PRIORITY), key, TENANTS.get(rnd.nextInt(2)), Map.of(),
                retry, timeouts, Map.of(), null, strategy, null);
        note("client submits " + spec.capability() + " key=" + key + " " + retry + " " + timeouts + " "
                + strategy.kind());
        clients.submit(spec);
    }

    private void cancel() {
        if (!clients.acknowledged().isEmpty()) {
            List<String> ids = List.copyOf(clients.acknowledged());
            String taskId = ids.get(rnd.nextInt(ids.size()));
            note("client cancels " + taskId);
            clients.cancel(taskId);
        }
    }

    private void agentAction(SimAgent agent) {
        if (agent.crashed) {
            if (rnd.nextInt(3) == 0) {
                boolean keepId = rnd.nextBoolean();
                note(agent.name + " restarts " + (keepId ? "under its id" : "and registers anew"));
                agent.restart(keepId);
            }
            return;
        }
        if (agent.id == null) {
            if (agent.register()) {
                note(agent.name + " registers");
            }
            return;
        }
        int roll = rnd.nextInt(100);
        if (roll < 28) {
            if (agent.canPoll()) {
                int max = 1 + rnd.nextInt(agent.maxConcurrency);
                long waitMs = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt((int) SETTINGS.maxPollWaitMs() + 1);
                note(agent.name + " polls max=" + max + " wait=" + waitMs);
                agent.poll(max, waitMs);
            }
        } else if (roll < 50) {
            if (agent.canHeartbeat()) {
                List<TaskRef> refs = agent.heldRefs().stream().filter(r -> rnd.nextInt(8) != 0).toList();
                note(agent.name + " heartbeats " + refs);
                agent.heartbeat(refs);
            }
        } else if (roll < 84) {
            workOnHeldTask(agent, roll);
        } else if (roll < 88) {
            if (agent.resendUnanswered()) {
                note(agent.name + " re-sends its unanswered results");
            }
        } else if (roll < 90) {
            note(agent.name + " crashes");
            agent.crash();
        } else if (roll < 91) {
            long forMs = 2_000 + rnd.nextInt(30_000);
            note(agent.name + " is cut off from the cluster for " + forMs + " ms");
            net.cutOff(agent.name, clock.getAsLong() + forMs);
        } else if (roll < 93 && !agent.draining && agents.stream().filter(a -> !a.draining).count() > 2) {
            note(agent.name + " drains");
            agent.drain();
        }
    }

    /** Works on one attempt the agent holds: a result (good, failed, stale, repeated) or a task heartbeat. */
    private void workOnHeldTask(SimAgent agent, int roll) {
        if (roll >= 72 && roll < 76) {
            if (!agent.sent.isEmpty()) {
                ReportResults.Report old = agent.sent.get(rnd.nextInt(agent.sent.size()));
                note(agent.name + " repeats its result " + old.taskId() + "#" + old.attempt() + " " + old.status());
                agent.repeat(old);
            }
            return;
        }
        if (agent.held.isEmpty()) {
            return;
        }
        List<String> held = List.copyOf(agent.held.keySet());
        String taskId = held.get(rnd.nextInt(held.size()));
        int attempt = agent.held.get(taskId);
        if (roll < 64) {
            finish(agent, taskId, attempt, TaskState.SUCCEEDED, null);
        } else if (roll < 72) {
            finish(agent, taskId, attempt, TaskState.FAILED, switch (rnd.nextInt(3)) {
                case 0 -> ErrorInfo.of("FATAL", "simulated fatal error", true);
                case 1 -> ErrorInfo.of("BAD_INPUT", "simulated permanent error", false);
                default -> ErrorInfo.of("FLAKY", "simulated transient error", true);
            });
        } else if (roll < 80) {
            finish(agent, taskId, attempt + (rnd.nextBoolean() ? -1 : 1),
                    rnd.nextBoolean() ? TaskState.SUCCEEDED : TaskState.FAILED, ErrorInfo.of("FLAKY", "stale", true));
        } else {
            note(agent.name + " task-heartbeats " + taskId + "#" + attempt);
            agent.taskHeartbeat(taskId, attempt);
        }
    }

    private void finish(SimAgent agent, String taskId, int attempt, TaskState status, ErrorInfo error) {
        note(agent.name + " reports " + taskId + "#" + attempt + " " + status
                + (error == null ? "" : " " + error.code()));
        agent.finish(taskId, attempt, status, error);
    }

    private void advance(long ms) {
        clock.advance(ms);
        note("clock +" + ms + " ms, tick");
        cluster.tick();
    }

    /** A proposal fails while its leader stays: refused outright, or committed with its outcome lost. */
    private void logFault() {
        if (rnd.nextBoolean()) {
            if (cluster.refuseNext()) {
                note("log refuses the oldest pending proposal");
            }
        } else if (cluster.commitNextLosingOutcome()) {
            note("log commits the oldest pending proposal and loses its outcome");
        }
    }

    /** Lets the cluster catch up (the leader ticks, every proposal commits), then checks the leases. */
    private void quietPoint() {
        note("quiet point");
        cluster.settle();
        cluster.tick();
        cluster.settle();
        if (cluster.leaderReady()) {
            leases.check(clock.getAsLong());
        }
    }

    // ---- healing ----

    /** Stops every fault; agents then work properly until every acknowledged task and every drain has finished. */
    private void heal() {
        note("heal: no more faults");
        net.heal();
        cluster.heal();
        agents.stream().filter(a -> a.crashed).forEach(a -> a.restart(true));
        agents.add(new SimAgent("healer", CAPABILITIES, 8, world));
        for (int i = 0; i < HEAL_STEP_LIMIT; i++, step++) {
            net.pump();
            for (SimAgent agent : agents) {
                agent.collect();
                if (agent.id == null) {
                    agent.register();
                    continue;
                }
                agent.resendUnanswered();
                for (TaskRef ref : agent.heldRefs()) {
                    agent.finish(ref.taskId(), ref.attempt(), TaskState.SUCCEEDED, null);
                }
                if (agent.canHeartbeat()) {
                    agent.heartbeat(agent.heldRefs());
                }
                if (agent.canPoll()) {
                    agent.poll(agent.maxConcurrency - agent.held.size(), 1_000);
                }
            }
            clients.retrySubmits();
            net.pump();
            cluster.settle();
            net.pump();
            afterStep();
            if (healed()) {
                invariants.checkAll(read(s -> s));
                cluster.checkReplicas(true);
                return;
            }
            advance(1_000);
            quietPoint();
        }
        String unfinished = clients.acknowledged().stream().filter(id -> !invariants.seenTerminal(id))
                .map(id -> read(s -> s.taskById(id).map(Task::toString).orElse(id + " (missing)")))
                .collect(Collectors.joining("\n  "));
        throw new AssertionError("after " + HEAL_STEP_LIMIT + " healthy steps, acknowledged tasks unfinished:\n  "
                + unfinished + "\nagents still draining: " + drainingAgents());
    }

    private boolean healed() {
        return clients.acknowledged().stream().allMatch(invariants::seenTerminal) && drainingAgents().isEmpty();
    }

    private List<String> drainingAgents() {
        return read(s -> s.agents().stream().filter(a -> a.state() == AgentState.DRAINING).map(Agent::id).toList());
    }

    // ---- checks ----

    private void afterStep() {
        net.rethrowViolations();
        agents.forEach(SimAgent::collect);
        clients.collect();
        BatonState state = read(s -> s);
        if (step % CHECKPOINT_STEPS == 0) {
            invariants.checkAll(state);
            cluster.checkReplicas(false);
        } else {
            invariants.check(state);
        }
        if (cluster.pendingCount() > MAX_PENDING_PROPOSALS) {
            throw new AssertionError(cluster.pendingCount() + " proposals pending: the leader proposes without bound");
        }
    }

    private <T> T read(java.util.function.Function<BatonState, T> reader) {
        return cluster.reference().read(reader);
    }

    private void note(String what) {
        trace.addLast("step " + step + " @" + (clock.getAsLong() - ControlHarness.START_MS) + "ms: " + what);
        if (trace.size() > TRACE_LINES) {
            trace.removeFirst();
        }
    }
}
