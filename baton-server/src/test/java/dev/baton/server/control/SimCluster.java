package dev.baton.server.control;

import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.Command;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.StateSnapshot;
import dev.baton.server.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A Raft cluster of two or three {@link SimNode}s reduced to what control and core can observe: one committed log,
 * a leader per term whose proposals commit late and in batches, and followers that apply the log lagging behind.
 *
 * <p>Faults, each chosen by the caller from the seeded generator: a leader change, where a prefix of the old
 * leader's uncommitted proposals survives into the new leader's log and commits in the new term (its replies
 * failed on the old node, or completed if the old node applies the entry) and the rest is lost; a deposed leader
 * that keeps believing it leads for a few steps (its proposals never commit); elections that take a few steps; a
 * refused proposal; a committed entry whose outcome never reaches the proposer; node crashes, with a restart from
 * the node's own latest snapshot, one installed from a peer, or nothing; a running follower that installs the
 * leader's snapshot; loss of quorum; node clocks that are off by up to two seconds. The committed entries live
 * in a {@link SimLog}; {@link #checkReplicas} compares every replica with its reference replica.
 */
final class SimCluster {
    /** Sees what the cluster does, in the order it happens. */
    interface Observer {
        /** A command committed; {@code proposer} is the leader that proposed it in this term, null if carried over. */
        void committed(Command command, Outcome outcome, SimNode proposer);

        /** {@code node} leads the current term; its soft state is rebuilt when its loop runs. */
        void leaderElected(SimNode node);

        /** The leader's control loop ran everything queued up to now. */
        void leaderDrained();

        void nodeCrashed(SimNode node);
    }

    private final RandomGenerator rnd;
    private final FakeClock clock;
    private final ControlSettings settings;
    private final Observer observer;
    private final Consumer<String> note;
    private final List<SimNode> nodes = new ArrayList<>();
    private final SimLog log;
    /** Proposals of an earlier term that reached the next leader's log: they commit when it is elected. */
    private final List<SimLog.Proposal> carried = new ArrayList<>();
    private final int[] restartInSteps;
    private long term = 1;
    private SimNode leader;
    private int electionInSteps;

    SimCluster(int size, RandomGenerator rnd, FakeClock clock, ControlSettings settings, Observer observer,
               Consumer<String> note) {
        this.rnd = rnd;
        this.clock = clock;
        this.settings = settings;
        this.observer = observer;
        this.note = note;
        this.log = new SimLog(rnd, observer);
        this.restartInSteps = new int[size];
        for (int i = 0; i < size; i++) {
            SimNode node = new SimNode("n" + i);
            nodes.add(node);
            start(node, new StateStore());
        }
        elect(nodes.get(rnd.nextInt(size)));
    }

    // ---- what the nodes do ----

    /** Starts a node's next incarnation; its clock is off the simulation's by up to two seconds either way. */
    private void start(SimNode node, StateStore store) {
        int incarnation = node.incarnation() + 1;
        long skewMs = rnd.nextInt(4_001) - 2_000;
        node.start(store, command -> propose(node, incarnation, command), () -> clock.getAsLong() + skewMs,
                settings, new Random(rnd.nextLong()));
    }

    private CompletableFuture<Outcome> propose(SimNode node, int incarnation, Command command) {
        CompletableFuture<Outcome> reply = new CompletableFuture<>();
        if (!node.isUp() || node.incarnation() != incarnation) {
            reply.completeExceptionally(new IllegalStateException("node is shutting down"));
        } else if (node == leader) {
            log.propose(new SimLog.Proposal(command, reply, node, incarnation, term));
        } else if (node.role == SimNode.Role.DEPOSED) {
            node.doomed.add(reply);
        } else {
            reply.completeExceptionally(new NotLeaderException(null));
        }
        return reply;
    }

    /** The node the cluster would name as leader to a client, if any. */
    SimNode leader() {
        return leader;
    }

    /** A node's answer to "who leads?": the leader when there is one (mostly), else any node that is up. */
    SimNode leaderHint() {
        if (leader != null && rnd.nextInt(4) != 0) {
            return leader;
        }
        List<SimNode> up = nodes.stream().filter(SimNode::isUp).toList();
        return up.isEmpty() ? nodes.getFirst() : up.get(rnd.nextInt(up.size()));
    }

    /** True when a leader has been elected and its control loop has taken up leadership. */
    boolean leaderReady() {
        return leader != null && leader.control().isLeader();
    }

    List<SimNode> nodes() {
        return nodes;
    }

    StateStore reference() {
        return log.reference();
    }

    int pendingCount() {
        return log.pendingCount();
    }

    // ---- commits ----

    /** Commits up to {@code max} of the leader's proposals, oldest first, in batches; returns how many. */
    int commit(int max) {
        return leader == null || !hasQuorum() ? 0 : log.commit(max, term, leader);
    }

    /** The log refuses the oldest pending proposal (say, a full queue); false if none. */
    boolean refuseNext() {
        return log.refuseNext();
    }

    /** Commits the oldest pending proposal, but its outcome never reaches the proposer; false if none. */
    boolean commitNextLosingOutcome() {
        return leader != null && hasQuorum() && log.commitNextLosingOutcome(term, leader);
    }

    // ---- leadership ----

    /** The leader loses its term: a prefix of its pending proposals survives into the next leader's log. */
    void changeLeader() {
        if (leader == null) {
            return;
        }
        SimNode old = leader;
        List<SimLog.Proposal> pending = log.takePending();
        int survive = rnd.nextInt(pending.size() + 1);
        int lost = pending.size() - survive;
        boolean repliesReachOld = rnd.nextBoolean();
        for (int i = 0; i < pending.size(); i++) {
            SimLog.Proposal p = pending.get(i);
            if (i < survive) {
                carried.add(repliesReachOld ? p : new SimLog.Proposal(p.command(), new CompletableFuture<>(),
                        p.proposer(), p.incarnation(), p.term()));
            }
            if (i >= survive || !repliesReachOld) {
                old.doomed.add(p.reply());
            }
        }
        term++;
        leader = null;
        old.role = SimNode.Role.DEPOSED;
        old.learnsInSteps = rnd.nextInt(4);
        electionInSteps = rnd.nextInt(4);
        note.accept("term " + term + ": " + old.name() + " loses the lead; " + survive + " proposals carried over ("
                + (repliesReachOld ? "replies complete on apply" : "replies fail") + "), " + lost + " lost");
        if (!old.isUp() || old.learnsInSteps == 0) {
            learn(old);
        }
        if (electionInSteps == 0) {
            elect(null);
        }
    }

    /** A deposed node hears of the new term: its doomed proposals fail and its control stops leading. */
    private void learn(SimNode node) {
        node.role = SimNode.Role.FOLLOWER;
        List<CompletableFuture<Outcome>> doomed = List.copyOf(node.doomed);
        node.doomed.clear();
        doomed.forEach(reply -> reply.completeExceptionally(new NotLeaderException(null)));
        if (node.isUp()) {
            node.control().onLeadershipChange(false);
            note.accept(node.name() + " learns it no longer leads");
        }
    }

    /** Elects {@code candidate} (or a random node that is up) once a majority is up; false if it cannot yet. */
    private boolean elect(SimNode candidate) {
        List<SimNode> up = nodes.stream().filter(SimNode::isUp).toList();
        if (!hasQuorum()) {
            return false;
        }
        SimNode winner = candidate != null ? candidate : up.get(rnd.nextInt(up.size()));
        if (winner.role == SimNode.Role.DEPOSED) {
            learn(winner);
        }
        log.catchUp(winner, log.size());
        leader = winner;
        winner.role = SimNode.Role.LEADER;
        if (!carried.isEmpty()) {
            List<SimLog.Proposal> batch = List.copyOf(carried);
            carried.clear();
            for (SimLog.Proposal p : batch) {
                log.append(List.of(p), true, term, winner);
            }
            log.catchUp(winner, log.size());
        }
        winner.control().onLeadershipChange(true);
        observer.leaderElected(winner);
        note.accept("term " + term + ": " + winner.name() + " elected");
        return true;
    }

    private boolean hasQuorum() {
        return nodes.stream().filter(SimNode::isUp).count() * 2 > nodes.size();
    }

    // ---- crashes, restarts, snapshots ----

    /** The node's process dies; it restarts a few steps later. Losing the quorum deposes the leader. */
    void crash(SimNode node) {
        if (!node.isUp()) {
            return;
        }
        boolean led = node == leader;
        node.crash();
        observer.nodeCrashed(node);
        restartInSteps[nodes.indexOf(node)] = 1 + rnd.nextInt(8);
        note.accept(node.name() + " crashes");
        if (led || !hasQuorum()) {
            changeLeader();
        }
    }

    /** Restarts a crashed node from its own latest snapshot, one installed from a peer, or an empty state. */
    private void restart(SimNode node) {
        List<SimNode> peers = nodes.stream().filter(n -> n != node && n.snapshot != null).toList();
        StateStore.PositionedSnapshot source = switch (rnd.nextInt(10)) {
            case 0 -> null;
            case 1, 2, 3 -> peers.isEmpty() ? node.snapshot : peers.get(rnd.nextInt(peers.size())).snapshot;
            default -> node.snapshot;
        };
        StateStore store = new StateStore();
        if (source != null) {
            StateSnapshot loaded = source.snapshot();
            if (rnd.nextInt(4) == 0) { // through the file format now and then: encoding is the slow part of a run
                loaded = SnapshotCodec.decode(SnapshotCodec.encode(source.snapshot()));
                if (!loaded.equals(source.snapshot())) {
                    throw new AssertionError("a snapshot read back differs from the one written");
                }
            }
            store.restore(loaded, source.term(), source.index());
        }
        start(node, store);
        note.accept(node.name() + " restarts from " + (source == null ? "an empty state" : "a snapshot at index "
                + source.index()));
    }

    /**
     * A follower that fell behind installs the leader's latest snapshot while it runs (Raft sends one when the
     * entries the follower needs were compacted away); false if there is no such follower or snapshot.
     */
    boolean installSnapshot(SimNode node) {
        if (leader == null || leader.snapshot == null || !node.isUp() || node.role != SimNode.Role.FOLLOWER
                || node.store().appliedIndex() >= leader.snapshot.index()) {
            return false;
        }
        node.store().restore(leader.snapshot.snapshot(), leader.snapshot.term(), leader.snapshot.index());
        note.accept(node.name() + " installs the leader's snapshot at index " + leader.snapshot.index());
        return true;
    }

    /** The node writes a snapshot of what it has applied. */
    void takeSnapshot(SimNode node) {
        if (node.isUp()) {
            node.snapshot = node.store().snapshot();
        }
    }

    // ---- time passing ----

    /** Advances the cluster's own timers by one step: restarts, deposed nodes learning, elections, follower lag. */
    void step() {
        for (int i = 0; i < nodes.size(); i++) {
            SimNode node = nodes.get(i);
            if (!node.isUp() && --restartInSteps[i] <= 0) {
                restart(node);
            }
            if (node.role == SimNode.Role.DEPOSED && --node.learnsInSteps <= 0) {
                learn(node);
            }
        }
        if (leader == null && --electionInSteps <= 0) {
            elect(null);
        }
        for (SimNode node : nodes) {
            if (node.isUp() && node.role == SimNode.Role.FOLLOWER) {
                long behind = log.size() - node.store().appliedIndex();
                log.catchUp(node, (int) (log.size() - (rnd.nextBoolean() ? 0 : rnd.nextLong(behind + 1))));
            }
        }
    }

    /** Runs each node's control loop: all of it, some of it, or (a slow thread) none of it. */
    void runLoops() {
        for (SimNode node : nodes) {
            if (node.isUp()) {
                switch (rnd.nextInt(4)) {
                    case 0 -> node.loop().runNext(rnd.nextInt(node.loop().queued() + 1));
                    case 1 -> { }
                    default -> node.loop().runAll();
                }
            }
        }
        reportDrain();
    }

    /** Queues a timer tick on every node that is up, as each node's scheduler does. */
    void tick() {
        for (SimNode node : nodes) {
            if (node.isUp()) {
                node.loop().execute(node.control()::tick);
            }
        }
    }

    /** Runs every loop and commits every proposal until nothing is left to do. */
    void settle() {
        for (int round = 0; ; round++) {
            int work = 0;
            for (SimNode node : nodes) {
                work += node.isUp() ? node.loop().runAll() : 0;
            }
            work += commit(Integer.MAX_VALUE);
            if (work == 0) {
                break;
            }
            if (round > 1_000) {
                throw new AssertionError("the control loops and the log never went quiet");
            }
        }
        reportDrain();
    }

    private void reportDrain() {
        if (leader != null && leader.loop().isIdle()) {
            observer.leaderDrained();
        }
    }

    /** Ends the faults: down nodes restart, deposed ones learn, a leader is elected. */
    void heal() {
        for (SimNode node : nodes) {
            if (!node.isUp()) {
                restart(node);
            }
            if (node.role == SimNode.Role.DEPOSED) {
                learn(node);
            }
        }
        if (leader == null) {
            elect(null);
        }
    }

    // ---- replica agreement ----

    /**
     * Brings every live replica up to date and checks it against the reference (see {@link SimReplicas}). With
     * {@code finalCheck}, also a fresh replay of the whole log, and the digest of one replica.
     */
    void checkReplicas(boolean finalCheck) {
        List<StateStore> replicas = new ArrayList<>();
        for (SimNode node : nodes) {
            if (node.isUp() && node.role != SimNode.Role.DEPOSED) {
                log.catchUp(node, log.size());
                replicas.add(node.store());
            }
        }
        if (finalCheck) {
            replicas.add(log.replay());
            SimReplicas.requireSameDigest(log.reference(), replicas.get(rnd.nextInt(replicas.size())));
        }
        SimReplicas.requireSame(log.reference(), replicas, log.size());
    }

    @Override
    public String toString() {
        return "term " + term + ", leader " + (leader == null ? "none" : leader.name()) + ", log " + log.size()
                + ", pending " + log.pendingCount() + ", nodes " + nodes;
    }
}
