package dev.baton.server.control;

import dev.baton.api.HeartbeatResponse;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.core.command.ReportResults;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * A simulated agent process: what it believes it holds and the requests it has in flight. Requests go to whichever
 * {@link Control} is the leader now; a crash or a server restart abandons the answers still on their way.
 */
final class SimAgent {
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

    private CompletableFuture<Outcome> registering;
    private CompletableFuture<List<Task>> poll;
    private CompletableFuture<HeartbeatResponse> heartbeat;
    private CompletableFuture<Outcome> drain;
    private final List<CompletableFuture<?>> others = new ArrayList<>();
    private boolean unknownToServer;
    /** Tasks committed to this agent while {@link #poll} waited: exactly these must answer it. */
    private final Set<String> leasedToPoll = new TreeSet<>();
    /** Polls a crash abandoned that the server may still answer; while one is open, a lease may be its. */
    private final List<CompletableFuture<List<Task>>> abandonedPolls = new ArrayList<>();
    private boolean pollAmbiguous;

    SimAgent(String name, List<String> capabilities, int maxConcurrency) {
        this.name = name;
        this.capabilities = List.copyOf(capabilities);
        this.maxConcurrency = maxConcurrency;
    }

    void register(Control control) {
        if (id == null && registering == null) {
            registering = control.registerAgent(name, capabilities, Map.of(), maxConcurrency);
        }
    }

    boolean canPoll() {
        return id != null && poll == null && !draining && held.size() < maxConcurrency;
    }

    void poll(Control control, int max, long waitMs) {
        leasedToPoll.clear();
        abandonedPolls.removeIf(CompletableFuture::isDone);
        pollAmbiguous = false;
        poll = control.poll(id, max, waitMs);
    }

    /** A LeaseTasks gave this agent {@code tasks}: they must reach the poll that waits for them. */
    void leaseCommitted(List<Task> tasks) {
        List<String> ids = tasks.stream().map(Task::id).toList();
        if (abandonedPolls.stream().anyMatch(p -> !p.isDone())) {
            pollAmbiguous = true; // the lease may answer a poll this agent gave up on when it crashed
        } else if (poll == null || poll.isDone()) {
            throw new AssertionError(name + " (" + id + ") was leased " + ids + " with no poll waiting for them");
        } else {
            leasedToPoll.addAll(ids);
        }
    }

    boolean canHeartbeat() {
        return id != null && heartbeat == null;
    }

    void heartbeat(Control control, List<TaskRef> running) {
        heartbeat = control.heartbeat(id, running);
    }

    List<TaskRef> heldRefs() {
        return held.entrySet().stream().map(e -> new TaskRef(e.getKey(), e.getValue())).toList();
    }

    void report(Control control, ReportResults.Report report) {
        sent.add(report);
        if (sent.size() > 50) {
            sent.removeFirst();
        }
        others.add(control.report(id, List.of(report)));
    }

    /** Asks to be deregistered once idle; the agent stops polling unless the request fails. */
    void drain(Control control) {
        draining = true;
        drain = control.drainAndDeregister(id);
    }

    void send(CompletableFuture<?> request) {
        others.add(request);
    }

    void crash() {
        crashed = true;
        held.clear();
        if (poll != null) {
            abandonedPolls.add(poll);
        }
        abandonRequests();
    }

    /** The server restarted: nothing it had in flight will be answered, nor leased for an old poll. */
    void serverRestarted() {
        abandonedPolls.clear();
        abandonRequests();
    }

    /** The connection to the server is gone: answers still in flight never arrive. */
    void abandonRequests() {
        registering = null;
        poll = null;
        heartbeat = null;
        drain = null;
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
            pollAmbiguous |= poll.isCompletedExceptionally() // a lease may commit and its outcome still be lost
                    && unwrap(poll.exceptionNow()) instanceof IllegalStateException;
            List<Task> tasks = value(poll);
            poll = null;
            tasks = tasks == null ? List.of() : tasks;
            for (Task task : tasks) {
                if (!id.equals(task.agentId()) || task.state() != TaskState.LEASED) {
                    throw new AssertionError("poll of " + id + " answered with a task not leased to it: " + task);
                }
                held.put(task.id(), task.attempt());
            }
            Set<String> delivered = tasks.stream().map(Task::id).collect(Collectors.toCollection(TreeSet::new));
            if (!pollAmbiguous && !delivered.equals(leasedToPoll)) {
                throw new AssertionError("poll of " + name + " (" + id + ") answered with " + delivered
                        + " but the log leased it " + leasedToPoll + ": leased tasks lost until their lease expires");
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
        for (Iterator<CompletableFuture<?>> it = others.iterator(); it.hasNext(); ) {
            CompletableFuture<?> request = it.next();
            if (request.isDone()) {
                value(request);
                it.remove();
            }
        }
        if (unknownToServer) {
            forgetRegistration();
        }
    }

    /** The value of a completed request, or null when it failed in an expected way (not leader, unknown agent). */
    private <T> T value(CompletableFuture<T> request) {
        try {
            return request.join();
        } catch (CompletionException e) {
            switch (unwrap(e)) {
                case NotLeaderException ignored -> { }
                case IllegalStateException ignored -> { } // the log refused the proposal or lost its outcome
                case UnknownAgentException ignored -> unknownToServer = true;
                default -> throw new AssertionError("agent " + name + " got an unexpected failure", e.getCause());
            }
            return null;
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** The server no longer knows this agent: drop what it held and register again under a new id. */
    private void forgetRegistration() {
        id = null;
        unknownToServer = false;
        draining = false;
        held.clear();
        abandonRequests();
    }

    @Override
    public String toString() {
        return name + "(" + id + (crashed ? ", crashed" : "") + (draining ? ", draining" : "") + ", holds " + held
                + ")";
    }
}
