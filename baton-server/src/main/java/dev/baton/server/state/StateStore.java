package dev.baton.server.state;

import dev.baton.core.command.Command;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.StateEvent;
import dev.baton.core.state.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns this node's {@link BatonState} and makes it safe to share: batches apply under the write lock, readers
 * take the read lock. After each batch, listeners receive its events in apply order on the applying thread,
 * outside the lock; they must be quick and must not block (hand work to another thread). A listener that throws is
 * logged and skipped for that batch: the batch stays applied and the other listeners still hear it, because an
 * exception out of apply would stop this node's Raft state machine for good.
 */
public final class StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Consumer<List<StateEvent>>> listeners = new CopyOnWriteArrayList<>();
    private final List<IndexedListener> indexedListeners = new CopyOnWriteArrayList<>();
    private BatonState state = new BatonState();
    private long appliedIndex;
    private long appliedTerm;

    /** A listener that also learns the log index of each batch, and when the state was replaced wholesale. */
    public interface IndexedListener {
        /** The events of the log entry at {@code index}, in apply order (called as plain listeners are). */
        void onApplied(long index, List<StateEvent> events);

        /** The state was replaced by a snapshot at {@code index}; changes before it were never reported here. */
        void onRestored(long index);
    }

    /** A consistent copy of the state with the log position it reflects. */
    public record PositionedSnapshot(StateSnapshot snapshot, long term, long index) {}

    /** Applies one log entry's batch and records its position; returns one outcome per command. */
    public List<Outcome> applyBatch(List<Command> batch, long term, long index) {
        List<StateEvent> events = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        lock.writeLock().lock();
        try {
            for (Command command : batch) {
                outcomes.add(state.apply(command, events::add));
            }
            appliedTerm = term;
            appliedIndex = index;
        } finally {
            lock.writeLock().unlock();
        }
        publish(events, index);
        return outcomes;
    }

    /** Records a log position that carried no commands (Raft configuration and no-op entries). */
    public void advance(long term, long index) {
        lock.writeLock().lock();
        try {
            appliedTerm = term;
            appliedIndex = index;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code reader} against the state under the read lock; it must not keep references to mutable parts. */
    public <T> T read(Function<BatonState, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(state);
        } finally {
            lock.readLock().unlock();
        }
    }

    public PositionedSnapshot snapshot() {
        lock.readLock().lock();
        try {
            return new PositionedSnapshot(state.toSnapshot(), appliedTerm, appliedIndex);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Replaces the whole state (snapshot load on start or after a snapshot install). */
    public void restore(StateSnapshot snapshot, long term, long index) {
        BatonState restored = BatonState.fromSnapshot(snapshot);
        lock.writeLock().lock();
        try {
            state = restored;
            appliedTerm = term;
            appliedIndex = index;
        } finally {
            lock.writeLock().unlock();
        }
        indexedListeners.forEach(l -> l.onRestored(index));
    }

    public long appliedIndex() {
        lock.readLock().lock();
        try {
            return appliedIndex;
        } finally {
            lock.readLock().unlock();
        }
    }

    public void addListener(Consumer<List<StateEvent>> listener) {
        listeners.add(listener);
    }

    public void addIndexedListener(IndexedListener listener) {
        indexedListeners.add(listener);
    }

    private void publish(List<StateEvent> events, long index) {
        if (events.isEmpty()) {
            return;
        }
        List<StateEvent> view = List.copyOf(events);
        for (Consumer<List<StateEvent>> listener : listeners) {
            notifyIsolated(index, () -> listener.accept(view));
        }
        for (IndexedListener listener : indexedListeners) {
            notifyIsolated(index, () -> listener.onApplied(index, view));
        }
    }

    private static void notifyIsolated(long index, Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            LOG.error("a state listener failed on the events of log index {}; the entry stays applied", index, e);
        }
    }
}
