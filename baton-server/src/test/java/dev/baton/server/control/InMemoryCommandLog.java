package dev.baton.server.control;

import dev.baton.core.command.Command;
import dev.baton.core.state.Outcome;
import dev.baton.server.state.StateStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

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
    private final boolean autoFlush;
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
        int done = 0;
        Pending next;
        while ((next = pending.poll()) != null) {
            Outcome outcome = store.applyBatch(List.of(next.command()), 1, ++index).getFirst();
            committed.add(next.command());
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

    /** Proposed, not yet committed commands of one type, in proposal order. */
    <T extends Command> List<T> pending(Class<T> type) {
        return pending.stream().map(Pending::command).filter(type::isInstance).map(type::cast).toList();
    }

    /** Committed commands of one type, in log order. */
    <T extends Command> List<T> committed(Class<T> type) {
        return committed.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
