package dev.baton.server.control;

import dev.baton.core.state.Outcome;
import dev.baton.core.state.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Simulated API clients over the {@link SimNetwork}: they submit tasks and cancel them at the node they believe
 * leads. A client re-submits a task with an idempotency key until an answer arrives (the way to make a submission
 * safe to retry); one without a key gives up. Every answer that names a task acknowledges it.
 */
final class SimClients {
    private static final String NAME = "client";

    private final SimNetwork net;
    private final Supplier<SimNode> leaderHint;
    private final SimInvariants invariants;
    private final Set<String> acknowledged = new LinkedHashSet<>();
    private final Map<CompletableFuture<Outcome>, TaskSpec> submits = new LinkedHashMap<>();
    private final List<TaskSpec> toRetry = new ArrayList<>();
    private final List<CompletableFuture<Outcome>> cancels = new ArrayList<>();
    private SimNode target;

    SimClients(SimNetwork net, Supplier<SimNode> leaderHint, SimInvariants invariants) {
        this.net = net;
        this.leaderHint = leaderHint;
        this.invariants = invariants;
        this.target = leaderHint.get();
    }

    /** Tasks whose submission was acknowledged, oldest first. */
    Set<String> acknowledged() {
        return acknowledged;
    }

    void submit(TaskSpec spec) {
        submits.put(net.send(NAME, target, SimAgent.REQUEST_TIMEOUT_MS, c -> c.submit(spec)), spec);
    }

    /** Re-submits every keyed task whose earlier submission got no answer; false if there was none. */
    boolean retrySubmits() {
        List<TaskSpec> again = List.copyOf(toRetry);
        toRetry.clear();
        again.forEach(this::submit);
        return !again.isEmpty();
    }

    void cancel(String taskId) {
        cancels.add(net.send(NAME, target, SimAgent.REQUEST_TIMEOUT_MS, c -> c.cancel(taskId, "simulated cancel")));
    }

    /** Reads the answers that arrived; an answer for a keyed task must name a task that held the key. */
    void collect() {
        submits.entrySet().removeIf(submit -> {
            if (!submit.getKey().isDone()) {
                return false;
            }
            TaskSpec spec = submit.getValue();
            if (answer(submit.getKey()) instanceof Outcome.TaskOutcome created) {
                String taskId = created.task().id();
                SimInvariants.require(spec.idempotencyKey() == null
                        || invariants.heldKey(spec.tenant(), spec.idempotencyKey(), taskId), () ->
                        "submission with key " + spec.idempotencyKey() + " acknowledged as " + taskId
                                + ", which never held the key");
                acknowledged.add(taskId);
            } else if (spec.idempotencyKey() != null) {
                toRetry.add(spec);
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

    private Outcome answer(CompletableFuture<Outcome> request) {
        try {
            return request.join();
        } catch (CompletionException e) {
            switch (SimNetwork.unwrap(e)) {
                case NotLeaderException ignored -> target = leaderHint.get();
                case SimNetwork.Unreachable ignored -> target = leaderHint.get();
                case IllegalStateException ignored -> { }
                default -> throw new AssertionError("a client request failed unexpectedly", e.getCause());
            }
            return null;
        }
    }
}
