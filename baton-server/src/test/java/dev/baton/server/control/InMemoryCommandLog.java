package dev.baton.server.control;

import dev.baton.core.command.Command;
import dev.baton.core.state.Outcome;
import dev.baton.server.state.StateStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * A log with no Raft: each proposed command is applied to the store as its own entry, either at once
 * ({@link #immediate()}) or when the test calls {@link #flush()} (commit delay, several proposals per round).
 * Futures complete on the flushing thread after the apply, as a real log's do on its apply thread.
 */
final class InMemoryCommandLog implements CommandLog {
    private record Pending(Command command, CompletableFuture<Outcome> future) {}

    private final StateStore store;
    private final Queue<Pending> pending = new ArrayDeque<>();
    private final List<Command> committed = new ArrayList<>();
    private BiConsumer<Command, Outcome> onCommit = (command, outcome) -> { };
    private boolean autoFlush;
    private long term = 1;
    private long index;

    private InMemoryCommandLog(StateStore store, boolean autoFlush) {
        this.store = store;
        this.autoFlush = autoFlush;
    }

    /** A log that commits every proposal as it is made. */
    static InMemoryCommandLog immediate(StateStore store) {
        return new InMemoryCommandLog(store, true);
    }

    /** A log that holds proposals until {@link #flush()}. */
    static InMemoryCommandLog queued(StateStore store) {
        return new InMemoryCommandLog(store, false);
    }

    /** A queued log that continues after position {@code term}/{@code index} (a node restarted from a snapshot). */
    static InMemoryCommandLog queued(StateStore store, long term, long index) {
        InMemoryCommandLog log = new InMemoryCommandLog(store, false);
        log.term = term;
        log.index = index;
        return log;
    }

    @Override
    public CompletableFuture<Outcome> propose(Command command) {
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        pending.add(new Pending(command, future));
        if (autoFlush) {
            flush();
        }
        return future;
    }

    /** Commits every pending proposal, oldest first; returns how many. */
    int flush() {
        return flush(Integer.MAX_VALUE);
    }

    /** Commits up to {@code max} pending proposals, oldest first; returns how many. */
    int flush(int max) {
        int done = 0;
        Pending next;
        while (done < max && (next = pending.poll()) != null) {
            Outcome outcome = store.applyBatch(List.of(next.command()), term, ++index).getFirst();
            committed.add(next.command());
            onCommit.accept(next.command(), outcome);
            next.future().complete(outcome);
            done++;
        }
        return done;
    }

    /** Fails the oldest pending proposal without applying it (say, a full proposal queue); false if none. */
    boolean rejectNext(Throwable cause) {
        Pending next = pending.poll();
        if (next != null) {
            next.future().completeExceptionally(cause);
        }
        return next != null;
    }

    /** Commits the oldest pending proposal but fails its future (the outcome did not reach the proposer). */
    boolean commitNextAndLoseOutcome(Throwable cause) {
        Pending next = pending.poll();
        if (next != null) {
            Outcome outcome = store.applyBatch(List.of(next.command()), term, ++index).getFirst();
            committed.add(next.command());
            onCommit.accept(next.command(), outcome);
            next.future().completeExceptionally(cause);
        }
        return next != null;
    }

    /** Drops every pending proposal, failing its future (the leader lost them with its term). */
    int failPending(Throwable cause) {
        int failed = 0;
        Pending next;
        while ((next = pending.poll()) != null) {
            next.future().completeExceptionally(cause);
            failed++;
        }
        return failed;
    }

    /** Starts a new term (a leader change); later entries carry it. */
    void newTerm() {
        term++;
    }

    /** Sees each command and its outcome as it commits, before its proposer learns of it. */
    void onCommit(BiConsumer<Command, Outcome> listener) {
        this.onCommit = listener;
    }

    void setAutoFlush(boolean autoFlush) {
        this.autoFlush = autoFlush;
        if (autoFlush) {
            flush();
        }
    }

    int pendingCount() {
        return pending.size();
    }

    /** Every command committed so far, in log order. */
    List<Command> committed() {
        return List.copyOf(committed);
    }

    /** Committed commands of one type, in log order. */
    <T extends Command> List<T> committed(Class<T> type) {
        return committed.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
