package dev.baton.server.control;

import dev.baton.core.state.Outcome;
import dev.baton.server.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * One simulated server: its replica of the state, its control loop and {@link Control}, and what its Raft layer
 * believes about leadership. A crash loses all of it but the latest snapshot; a restart is a new incarnation built
 * from a snapshot that catches up from the log. {@link SimCluster} drives it; nothing here decides a fault.
 */
final class SimNode {
    /** What the node's Raft layer believes: {@code DEPOSED} still leads a term that is over, not knowing it yet. */
    enum Role { FOLLOWER, LEADER, DEPOSED }

    private final String name;
    private int incarnation;
    private boolean up;
    private StateStore store;
    private ManualExecutor loop;
    private Control control;
    Role role = Role.FOLLOWER;
    /** Steps until a deposed node hears of the new term. */
    int learnsInSteps;
    /** Proposals made while deposed: they never commit, and fail once the node learns it lost the lead. */
    final List<CompletableFuture<Outcome>> doomed = new ArrayList<>();
    /** The latest snapshot of this node's state, kept across crashes as a file would be. */
    StateStore.PositionedSnapshot snapshot;

    SimNode(String name) {
        this.name = name;
    }

    /** Starts a new incarnation over {@code store}, proposing through {@code log}, as a follower. */
    void start(StateStore store, CommandLog log, LongSupplier clock, ControlSettings settings,
               RandomGenerator random) {
        incarnation++;
        up = true;
        role = Role.FOLLOWER;
        doomed.clear();
        this.store = store;
        this.loop = new ManualExecutor();
        this.control = new Control(log, store, loop, clock, settings, random);
    }

    /** The process dies: its memory is gone, only {@link #snapshot} survives; its doomed proposals fail. */
    void crash() {
        up = false;
        role = Role.FOLLOWER;
        List<CompletableFuture<Outcome>> lost = List.copyOf(doomed);
        doomed.clear();
        lost.forEach(reply -> reply.completeExceptionally(new IllegalStateException("node crashed")));
        store = null;
        loop = null;
        control = null;
    }

    String name() {
        return name;
    }

    int incarnation() {
        return incarnation;
    }

    boolean isUp() {
        return up;
    }

    StateStore store() {
        return store;
    }

    ManualExecutor loop() {
        return loop;
    }

    Control control() {
        return control;
    }

    @Override
    public String toString() {
        return name + "#" + incarnation + (up ? "" : " (down)") + " " + role + (up ? " @" + store.appliedIndex() : "");
    }
}
