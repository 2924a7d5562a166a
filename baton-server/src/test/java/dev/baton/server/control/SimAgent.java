package dev.baton.server.control;

import dev.baton.api.ErrorInfo;
import dev.baton.api.HeartbeatResponse;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.core.command.ReportResults;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A simulated agent process, as the SDK behaves: it talks over the {@link SimNetwork} to the node it believes
 * leads (and turns to another when told "not leader" or when a request gets no answer), keeps what it believes it
 * holds, and re-sends each result until an answer accepts or rejects it. A crash loses its memory and abandons the
 * answers still on their way; the simulation decides every action.
 */
final class SimAgent {
    /** What an agent needs from the simulated world. */
    record World(SimNetwork net, SimPollOracle polls, Supplier<SimNode> leaderHint,
                 BiConsumer<SimNode, List<TaskRef>> vouched) {}

    static final long REQUEST_TIMEOUT_MS = 10_000;
    private static final int KEPT_REPORTS = 50;

    final String name;
    final List<String> capabilities;
    final int maxConcurrency;
    String id;
    boolean crashed;
    boolean draining;
    /** Attempts the agent believes it runs: task id to attempt number. */
    final Map<String, Integer> held = new TreeMap<>();
    /** Results sent before, for late duplicates. */
    final List<ReportResults.Report> sent = new ArrayList<>();

    private final World world;
    private SimNode target;
    private final List<ReportResults.Report> unanswered = new ArrayList<>();
    private final Map<CompletableFuture<Outcome>, List<ReportResults.Report>> reporting = new LinkedHashMap<>();
    private CompletableFuture<Outcome> registering;
    private CompletableFuture<List<Task>> poll;
    private CompletableFuture<HeartbeatResponse> heartbeat;
    private CompletableFuture<Outcome> drain;
    private final List<CompletableFuture<?>> others = new ArrayList<>();
    private boolean unknownToServer;

    SimAgent(String name, List<String> capabilities, int maxConcurrency, World world) {
        this.name = name;
        this.capabilities = List.copyOf(capabilities);
        this.maxConcurrency = maxConcurrency;
        this.world = world;
        this.target = world.leaderHint().get();
    }

    /** Sends a registration unless one is under way; false if it was. */
    boolean register() {
        if (id != null || registering != null) {
            return false;
        }
        registering = world.net().send(name, target, REQUEST_TIMEOUT_MS,
                c -> c.registerAgent(name, capabilities, Map.of(), maxConcurrency));
        return true;
    }

    boolean canPoll() {
        return id != null && poll == null && !draining && held.size() < maxConcurrency;
    }

    void poll(int max, long waitMs) {
        String agentId = id;
        SimPollOracle.Poll probe = world.polls().poll(agentId);
        SimNetwork.Exchange<List<Task>> exchange = world.net().send(name, target, waitMs + REQUEST_TIMEOUT_MS,
                c -> c.poll(agentId, max, waitMs), probe);
        probe.sentAs(exchange);
        poll = exchange.answer;
    }

    boolean canHeartbeat() {
        return id != null && heartbeat == null;
    }

    void heartbeat(List<TaskRef> running) {
        String agentId = id;
        heartbeat = world.net().send(name, target, REQUEST_TIMEOUT_MS, c -> c.heartbeat(agentId, running),
                vouching(running)).answer;
    }

    /** A task-level heartbeat for one attempt the agent holds. */
    void taskHeartbeat(String taskId, int attempt) {
        List<TaskRef> refs = List.of(new TaskRef(taskId, attempt));
        others.add(world.net().send(name, target, REQUEST_TIMEOUT_MS, c -> c.taskHeartbeat(taskId, attempt),
                vouching(refs)).answer);
    }

    List<TaskRef> heldRefs() {
        return held.entrySet().stream().map(e -> new TaskRef(e.getKey(), e.getValue())).toList();
    }

    /** Finishes an attempt it holds (or believes it holds, when {@code attempt} is off) and reports the result. */
    void finish(String taskId, int attempt, TaskState status, ErrorInfo error) {
        held.remove(taskId);
        report(List.of(new ReportResults.Report(taskId, attempt, status,
                status == TaskState.SUCCEEDED ? output() : null, error, 0)));
    }

    /**
     * This agent's answer: agents split into two camps by name, so a consensus over three distinct agents always
     * has a majority and one over two may or may not agree.
     */
    private String output() {
        return "{\"camp\":" + (name.hashCode() & 1) + "}";
    }

    /** Sends the reports again as they were (a duplicate the agent made, not the network). */
    void repeat(ReportResults.Report old) {
        report(List.of(old));
    }

    /** Re-sends, as one batch, the results whose earlier sending got no answer; false if there were none. */
    boolean resendUnanswered() {
        if (id == null || unanswered.isEmpty()) {
            return false;
        }
        List<ReportResults.Report> batch = List.copyOf(unanswered);
        unanswered.clear();
        report(batch);
        return true;
    }

    boolean hasUnanswered() {
        return !unanswered.isEmpty() || !reporting.isEmpty();
    }

    private void report(List<ReportResults.Report> reports) {
        for (ReportResults.Report r : reports) {
            sent.add(r);
            if (sent.size() > KEPT_REPORTS) {
                sent.removeFirst();
            }
        }
        String agentId = id;
        reporting.put(world.net().send(name, target, REQUEST_TIMEOUT_MS, c -> c.report(agentId, reports)),
                reports);
    }

    /** Asks to be deregistered once idle; the agent stops polling unless the request fails. */
    void drain() {
        draining = true;
        String agentId = id;
        drain = world.net().send(name, target, REQUEST_TIMEOUT_MS, c -> c.drainAndDeregister(agentId));
    }

    /** The process dies: it forgets what it held and what it was waiting for. */
    void crash() {
        crashed = true;
        held.clear();
        unanswered.clear();
        abandonRequests();
    }

    /** The process starts again: under the id it had (which it kept on disk) or, forgetting it, as a new agent. */
    void restart(boolean keepId) {
        crashed = false;
        draining = false;
        if (!keepId) {
            id = null;
        }
    }

    private void abandonRequests() {
        registering = null;
        poll = null;
        heartbeat = null;
        drain = null;
        reporting.clear();
        others.clear();
    }

    /** Reads the answers that arrived; an unexpected failure fails the simulation. */
    void collect() {
        if (registering != null && registering.isDone()) {
            Outcome outcome = value(registering);
            registering = null;
            if (outcome instanceof Outcome.AgentOutcome registered) {
                id = registered.agent().id();
            }
        }
        if (poll != null && poll.isDone()) {
            List<Task> tasks = value(poll);
            poll = null;
            if (tasks != null) {
                tasks.forEach(task -> held.put(task.id(), task.attempt()));
            }
        }
        if (heartbeat != null && heartbeat.isDone()) {
            HeartbeatResponse reply = value(heartbeat);
            heartbeat = null;
            if (reply != null) {
                reply.stop().forEach(ref -> held.remove(ref.taskId(), ref.attempt()));
            }
        }
        if (drain != null && drain.isDone()) {
            Outcome outcome = value(drain);
            drain = null;
            if (!(outcome instanceof Outcome.AgentOutcome)) {
                draining = false; // not known to have taken effect: the agent keeps working
            }
        }
        for (Iterator<Map.Entry<CompletableFuture<Outcome>, List<ReportResults.Report>>> it =
                reporting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<CompletableFuture<Outcome>, List<ReportResults.Report>> request = it.next();
            if (request.getKey().isDone()) {
                it.remove();
                if (!(value(request.getKey()) instanceof Outcome.Results)) {
                    unanswered.addAll(request.getValue()); // results are idempotent: send them again
                }
            }
        }
        others.removeIf(request -> {
            if (request.isDone()) {
                value(request);
            }
            return request.isDone();
        });
        if (unknownToServer) {
            forgetRegistration();
        }
    }

    /** The value of a completed request, or null when it failed in an expected way. */
    private <T> T value(CompletableFuture<T> request) {
        try {
            return request.join();
        } catch (CompletionException e) {
            switch (SimNetwork.unwrap(e)) {
                case NotLeaderException ignored -> target = world.leaderHint().get();
                case SimNetwork.Unreachable ignored -> target = world.leaderHint().get();
                case IllegalStateException ignored -> { } // the log refused the proposal or lost its outcome
                case UnknownAgentException ignored -> unknownToServer = true;
                default -> throw new AssertionError("agent " + name + " got an unexpected failure", e.getCause());
            }
            return null;
        }
    }

    /** The server no longer knows this agent: drop what it held and register again under a new id. */
    private void forgetRegistration() {
        id = null;
        unknownToServer = false;
        draining = false;
        held.clear();
        unanswered.clear();
        abandonRequests();
    }

    private <T> SimNetwork.Probe<T> vouching(List<TaskRef> refs) {
        return new SimNetwork.Probe<>() {
            @Override
            public void delivered(SimNode node) {
                world.vouched().accept(node, refs);
            }

            @Override
            public void served(SimNode node, T value, Throwable error) { }
        };
    }

    @Override
    public String toString() {
        return name + "(" + id + (crashed ? ", crashed" : "") + (draining ? ", draining" : "") + ", holds " + held
                + (unanswered.isEmpty() ? "" : ", unanswered " + unanswered.size()) + ")";
    }
}
