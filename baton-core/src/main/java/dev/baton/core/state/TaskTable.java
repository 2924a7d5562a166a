package dev.baton.core.state;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The tasks of a {@link BatonState} by id: an open-addressing hash table (linear probing) of the task records
 * themselves, which carry their ids, so a task costs one array slot instead of a map node. Holds a million queued
 * tasks in about 8 bytes each where a {@code HashMap} needs about 40.
 *
 * <p>Not thread-safe (owned by the state). Iteration order depends only on the operations applied, so it is the same
 * on every node; callers that need an order sort.
 */
final class TaskTable {
    private static final int MIN_CAPACITY = 16;

    private Task[] slots = new Task[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    Task get(String id) {
        Task[] table = slots;
        int mask = table.length - 1;
        for (int i = home(id, mask); ; i = (i + 1) & mask) {
            Task t = table[i];
            if (t == null || t.id().equals(id)) {
                return t;
            }
        }
    }

    boolean containsKey(String id) {
        return get(id) != null;
    }

    /** Stores {@code task} under {@code id}, which must be its id; returns the task it replaced, or null. */
    Task put(String id, Task task) {
        if (!id.equals(task.id())) {
            throw new IllegalArgumentException("task " + task.id() + " put under id " + id);
        }
        if (3 * (size + 1) > 2 * slots.length) { // keep the table at most two thirds full
            resize(slots.length * 2);
        }
        int mask = slots.length - 1;
        for (int i = home(id, mask); ; i = (i + 1) & mask) {
            Task t = slots[i];
            if (t == null) {
                slots[i] = task;
                size++;
                return null;
            }
            if (t.id().equals(id)) {
                slots[i] = task;
                return t;
            }
        }
    }

    /** Removes the task with {@code id}; returns it, or null if none. */
    Task remove(String id) {
        int mask = slots.length - 1;
        int i = home(id, mask);
        while (slots[i] != null && !slots[i].id().equals(id)) {
            i = (i + 1) & mask;
        }
        Task removed = slots[i];
        if (removed == null) {
            return null;
        }
        slots[i] = null;
        size--;
        // Backward-shift deletion: move up each later task of the run whose home is not in (i, j] cyclically.
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int k = home(slots[j].id(), mask);
            boolean staysAfterGap = i <= j ? i < k && k <= j : i < k || k <= j;
            if (!staysAfterGap) {
                slots[i] = slots[j];
                slots[j] = null;
                i = j;
            }
        }
        return removed;
    }

    /** A read-only live view of every task. */
    Collection<Task> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Task> iterator() {
                return new Iterator<>() {
                    private final Task[] table = slots;
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < table.length && table[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < table.length;
                    }

                    @Override
                    public Task next() {
                        if (next >= table.length) {
                            throw new NoSuchElementException();
                        }
                        Task t = table[next];
                        next = advance(next + 1);
                        return t;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private void resize(int capacity) {
        Task[] old = slots;
        slots = new Task[capacity];
        int mask = capacity - 1;
        for (Task t : old) {
            if (t != null) {
                int i = home(t.id(), mask);
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = t;
            }
        }
    }

    private static int home(String id, int mask) {
        int h = id.hashCode() * 0x9E3779B9; // Fibonacci hashing spreads ids that differ only in their last chars
        return (h ^ (h >>> 16)) & mask;
    }
}
