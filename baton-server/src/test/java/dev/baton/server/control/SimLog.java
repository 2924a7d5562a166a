package dev.baton.server.control;

import dev.baton.core.command.Command;
import dev.baton.core.state.Outcome;
import dev.baton.server.state.StateStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * The replicated log of a {@link SimCluster}: the current leader's proposals waiting to commit, and the committed
 * entries (batches of commands) that every replica applies in order. Each entry is applied at once to a reference
 * replica that never restarts; a proposal's reply completes when its own node applies the entry, with outcomes
 * that must equal the reference's. The cluster decides who proposes and when anything commits.
 */
final class SimLog {
    /** A command proposed by {@code proposer} (that incarnation of it) while it led {@code term}. */
    record Proposal(Command command, CompletableFuture<Outcome> reply, SimNode proposer, int incarnation,
                    long term) {}

    /** A committed batch, the reference replica's outcomes, and whose replies complete when it applies them. */
    private record Entry(long term, List<Command> commands, List<Outcome> outcomes, SimNode owner, int incarnation,
                         List<CompletableFuture<Outcome>> replies) {}

    private final RandomGenerator rnd;
    private final SimCluster.Observer observer;
    private final StateStore reference = new StateStore();
    private final List<Entry> entries = new ArrayList<>();
    private final ArrayDeque<Proposal> pending = new ArrayDeque<>();

    SimLog(RandomGenerator rnd, SimCluster.Observer observer) {
        this.rnd = rnd;
        this.observer = observer;
    }

    /** The replica that applies every entry as it commits and never restarts. */
    StateStore reference() {
        return reference;
    }

    int size() {
        return entries.size();
    }

    int pendingCount() {
        return pending.size();
    }

    void propose(Proposal proposal) {
        pending.add(proposal);
    }

    /** Takes every pending proposal away, oldest first (its leader lost the term). */
    List<Proposal> takePending() {
        List<Proposal> taken = List.copyOf(pending);
        pending.clear();
        return taken;
    }

    /** Commits up to {@code max} pending proposals in {@code term}, oldest first, in batches; returns how many. */
    int commit(int max, long term, SimNode leader) {
        int done = 0;
        while (done < max && !pending.isEmpty()) {
            int size = Math.min(max - done, 1 + rnd.nextInt(3));
            List<Proposal> batch = new ArrayList<>();
            for (int i = 0; i < size && !pending.isEmpty(); i++) {
                batch.add(pending.poll());
            }
            append(batch, true, term, leader);
            done += batch.size();
        }
        catchUp(leader, entries.size());
        return done;
    }

    /** Fails the oldest pending proposal without committing it (say, a full queue); false if none. */
    boolean refuseNext() {
        Proposal next = pending.poll();
        if (next != null) {
            next.reply.completeExceptionally(new IllegalStateException("simulated: proposal queue is full"));
        }
        return next != null;
    }

    /** Commits the oldest pending proposal, but its outcome never reaches the proposer; false if none. */
    boolean commitNextLosingOutcome(long term, SimNode leader) {
        Proposal next = pending.poll();
        if (next == null) {
            return false;
        }
        append(List.of(next), false, term, leader);
        next.reply.completeExceptionally(
                new IllegalStateException("simulated: entry committed but its outcome did not reach this node"));
        catchUp(leader, entries.size());
        return true;
    }

    /**
     * Appends one entry committed in {@code term} under {@code leader}; {@code replyToProposer} false when the
     * replies are not to complete. Observers hear of each command, with its proposer if the leader proposed it
     * in this term.
     */
    void append(List<Proposal> batch, boolean replyToProposer, long term, SimNode leader) {
        List<Command> commands = batch.stream().map(Proposal::command).toList();
        List<Outcome> outcomes = reference.applyBatch(commands, term, entries.size() + 1L);
        Proposal first = batch.getFirst();
        entries.add(new Entry(term, commands, outcomes, replyToProposer ? first.proposer : null, first.incarnation,
                batch.stream().map(Proposal::reply).toList()));
        for (int i = 0; i < batch.size(); i++) {
            Proposal p = batch.get(i);
            boolean current = p.term == term && p.proposer == leader && p.incarnation == leader.incarnation();
            observer.committed(p.command, outcomes.get(i), current ? p.proposer : null);
        }
    }

    /**
     * Applies the log to {@code node} up to {@code index}. Where the node's proposals wait for an entry, the outcomes
     * they get must be the reference replica's (replicas are compared whole by {@link SimReplicas}).
     */
    void catchUp(SimNode node, int index) {
        for (long next = node.store().appliedIndex() + 1; next <= index; next++) {
            Entry entry = entries.get((int) next - 1);
            List<Outcome> outcomes = node.store().applyBatch(entry.commands, entry.term, next);
            if (entry.owner == node && entry.incarnation == node.incarnation()) {
                if (!outcomes.equals(entry.outcomes)) {
                    throw new AssertionError("replica " + node + " diverged at index " + next + ": " + outcomes
                            + " where the reference got " + entry.outcomes);
                }
                for (int i = 0; i < outcomes.size(); i++) {
                    entry.replies.get(i).complete(outcomes.get(i));
                }
            }
        }
    }

    /** A new replica that applied the whole log from the start. */
    StateStore replay() {
        StateStore replay = new StateStore();
        for (int i = 0; i < entries.size(); i++) {
            replay.applyBatch(entries.get(i).commands, entries.get(i).term, i + 1L);
        }
        return replay;
    }
}
