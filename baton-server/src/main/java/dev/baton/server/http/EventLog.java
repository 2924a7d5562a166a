package dev.baton.server.http;

import dev.baton.api.EventView;
import dev.baton.core.state.StateEvent;
import dev.baton.server.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * This node's recent stream of applied changes, for {@code GET /v1/events}: the last {@link #CAPACITY} streamed
 * events in a ring (for clients that resume with {@code Last-Event-ID}) and the live subscribers.
 *
 * <p>Ids are {@code <logIndex>.<position>} (see {@link EventView#id()}), so they order events and mean the same
 * change on every node. {@link #lostUpTo} is the highest id this node can no longer replay: events that fell out
 * of the ring, or everything up to the entry applied when this log started listening (see {@link #startAt}) or
 * the snapshot this node last installed.
 * A client resuming from an id at or below it is told so with a {@code stream.gap} event.
 *
 * <p>Threading: {@link #onApplied} runs on the applying thread; subscribe and close on request threads. One
 * monitor guards the ring; delivery to a subscriber never blocks the applying thread: a subscriber whose queue is
 * full is marked overflowed and its stream ends (it may resume from its last id).
 */
final class EventLog implements StateStore.IndexedListener, AutoCloseable {
    static final int CAPACITY = 10_000;
    static final int MAX_SUBSCRIBERS = 256;
    static final int SUBSCRIBER_QUEUE = 10_000;
    /** Put in a subscriber's queue to wake it when the log closes. */
    static final EventView END = new EventView(null, "stream.end", null, null, null, null, null, null, null, null,
            null);

    /** A position in the stream: log index, then place within that entry. */
    record Cursor(long index, int position) implements Comparable<Cursor> {
        static final Cursor NONE = new Cursor(-1, Integer.MAX_VALUE);

        /** Parses {@code 1234.5}; null when the text is not an event id. */
        static Cursor parse(String id) {
            int dot = id == null ? -1 : id.indexOf('.');
            if (dot <= 0) {
                return null;
            }
            try {
                return new Cursor(Long.parseLong(id.substring(0, dot)), Integer.parseInt(id.substring(dot + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public int compareTo(Cursor o) {
            return index != o.index ? Long.compare(index, o.index) : Integer.compare(position, o.position);
        }

        @Override
        public String toString() {
            return index + "." + position;
        }
    }

    /** A live subscriber: its filter, its queue, and whether it fell behind. */
    static final class Subscriber {
        final Predicate<EventView> filter;
        final BlockingQueue<EventView> queue = new ArrayBlockingQueue<>(SUBSCRIBER_QUEUE);
        volatile boolean overflowed;

        Subscriber(Predicate<EventView> filter) {
            this.filter = filter;
        }

        void offer(EventView view) {
            if (filter.test(view) && !queue.offer(view)) {
                overflowed = true;
                queue.clear();
                queue.offer(END);
            }
        }
    }

    /** What a new subscriber gets: the events to replay (a gap notice first, if any) and its live feed. */
    record Subscription(List<EventView> backlog, Subscriber live) {}

    private final EventView[] ring = new EventView[CAPACITY];
    private final Cursor[] ids = new Cursor[CAPACITY];
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private int head;
    private int size;
    private Cursor newest = Cursor.NONE;
    private Cursor lostUpTo;
    private boolean closed;

    @Override
    public void onApplied(long index, List<StateEvent> events) {
        List<EventView> views = new ArrayList<>(events.size());
        for (int position = 0; position < events.size(); position++) {
            EventView view = EventViews.of(index + "." + position, events.get(position));
            if (view != null) {
                views.add(view);
            }
        }
        synchronized (this) {
            for (EventView view : views) {
                append(view);
            }
            newest = new Cursor(index, Integer.MAX_VALUE);
        }
        for (Subscriber subscriber : subscribers) {
            views.forEach(subscriber::offer);
        }
    }

    /**
     * Marks where this log starts: {@code appliedIndex} is the node's applied index read after this log was
     * registered as a listener, so every entry after it reaches the ring; entries up to it may not have.
     */
    synchronized void startAt(long appliedIndex) {
        if (lostUpTo == null) {
            lostUpTo = appliedIndex == 0 ? Cursor.NONE : new Cursor(appliedIndex, Integer.MAX_VALUE);
        }
    }

    /** The state jumped to a snapshot: the ring restarts there, so what it holds stays contiguous. */
    @Override
    public synchronized void onRestored(long index) {
        lostUpTo = new Cursor(index, Integer.MAX_VALUE);
        newest = lostUpTo;
        java.util.Arrays.fill(ring, null);
        java.util.Arrays.fill(ids, null);
        head = 0;
        size = 0;
    }

    /** A node-local event (no id, not replayable), for live subscribers only. */
    void local(EventView view) {
        for (Subscriber subscriber : subscribers) {
            subscriber.offer(view);
        }
    }

    /**
     * Subscribes with {@code filter}. {@code after} null means "from now"; otherwise every retained event after it
     * is replayed first. Returns null when {@link #MAX_SUBSCRIBERS} are already subscribed or the log is closed.
     */
    synchronized Subscription subscribe(Predicate<EventView> filter, Cursor after) {
        if (closed || subscribers.size() >= MAX_SUBSCRIBERS) {
            return null;
        }
        List<EventView> backlog = new ArrayList<>();
        if (after != null) {
            if (lostUpTo != null && after.compareTo(lostUpTo) < 0) {
                backlog.add(new EventView(null, "stream.gap", null, null, null, null, null, null, null,
                        "events after " + after + " up to " + lostUpTo.index() + " are no longer held by this node",
                        null));
            }
            for (int k = 0; k < size; k++) {
                int i = (head - size + k + CAPACITY) % CAPACITY;
                if (ids[i].compareTo(after) > 0 && filter.test(ring[i])) {
                    backlog.add(ring[i]);
                }
            }
        }
        Subscriber subscriber = new Subscriber(filter);
        subscribers.add(subscriber);
        return new Subscription(backlog, subscriber);
    }

    void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** The id after which a client that subscribed now would resume (for {@code Last-Event-ID} on empty streams). */
    synchronized Cursor newest() {
        return newest;
    }

    int subscriberCount() {
        return subscribers.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.queue.clear();
            subscriber.queue.offer(END);
        }
    }

    private void append(EventView view) {
        if (size == CAPACITY) {
            lostUpTo = ids[head];
        } else {
            size++;
        }
        ring[head] = view;
        ids[head] = Cursor.parse(view.id());
        head = (head + 1) % CAPACITY;
    }
}
