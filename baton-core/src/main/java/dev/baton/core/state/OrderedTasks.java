package dev.baton.core.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A sorted set of tasks kept in chunks of sorted arrays: about 4-8 bytes per task where a {@code TreeSet} needs a
 * 40-byte node, and every add or remove costs a binary search plus a copy within one chunk (at most
 * {@link #CHUNK} slots), however large the set.
 *
 * <p>Invariants: chunks are non-empty and in order; every task of a chunk sorts before every task of the next; a
 * chunk that falls under a quarter full merges with a neighbour when both fit in one. Not thread-safe (owned by the
 * state); iterators must not outlive a change.
 */
final class OrderedTasks implements Iterable<Task> {
    static final int CHUNK = 256;

    private static final class Chunk {
        Task[] tasks;
        int size;

        Chunk(Task[] tasks, int size) {
            this.tasks = tasks;
            this.size = size;
        }

        Task last() {
            return tasks[size - 1];
        }
    }

    private final Comparator<Task> order;
    private final List<Chunk> chunks = new ArrayList<>();
    private int size;

    OrderedTasks(Comparator<Task> order) {
        this.order = order;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds {@code task}; false if an equal one (by the order) is already held. */
    boolean add(Task task) {
        if (chunks.isEmpty()) {
            chunks.add(new Chunk(new Task[] {task, null, null, null, null, null, null, null}, 1));
            size++;
            return true;
        }
        int c = chunkFor(task);
        if (c == chunks.size()) {
            c--; // after every task: goes at the end of the last chunk
        }
        Chunk chunk = chunks.get(c);
        int at = Arrays.binarySearch(chunk.tasks, 0, chunk.size, task, order);
        if (at >= 0) {
            return false;
        }
        at = -at - 1;
        if (chunk.size == CHUNK && at == CHUNK && c == chunks.size() - 1) { // appending: keep full chunks full
            Task[] fresh = new Task[8];
            fresh[0] = task;
            chunks.add(new Chunk(fresh, 1));
            size++;
            return true;
        }
        if (chunk.size == CHUNK) {
            split(c);
            if (at > CHUNK / 2) {
                chunk = chunks.get(c + 1);
                at -= CHUNK / 2;
            }
        }
        if (chunk.size == chunk.tasks.length) {
            chunk.tasks = Arrays.copyOf(chunk.tasks, Math.min(CHUNK, chunk.tasks.length * 2));
        }
        System.arraycopy(chunk.tasks, at, chunk.tasks, at + 1, chunk.size - at);
        chunk.tasks[at] = task;
        chunk.size++;
        size++;
        return true;
    }

    /** Removes the task equal to {@code task} by the order; false if none is held. */
    boolean remove(Task task) {
        int c = chunkFor(task);
        if (c == chunks.size()) {
            return false;
        }
        Chunk chunk = chunks.get(c);
        int at = Arrays.binarySearch(chunk.tasks, 0, chunk.size, task, order);
        if (at < 0) {
            return false;
        }
        System.arraycopy(chunk.tasks, at + 1, chunk.tasks, at, chunk.size - at - 1);
        chunk.tasks[--chunk.size] = null;
        size--;
        if (chunk.size == 0) {
            chunks.remove(c);
        } else if (chunk.size < CHUNK / 4) {
            mergeWithNeighbour(c);
        }
        return true;
    }

    @Override
    public Iterator<Task> iterator() {
        return new Iterator<>() {
            private int chunk;
            private int index;

            @Override
            public boolean hasNext() {
                return chunk < chunks.size();
            }

            @Override
            public Task next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Chunk current = chunks.get(chunk);
                Task t = current.tasks[index++];
                if (index == current.size) {
                    chunk++;
                    index = 0;
                }
                return t;
            }
        };
    }

    /** Index of the first chunk whose last task sorts at or after {@code task}; the chunk count if none. */
    private int chunkFor(Task task) {
        int low = 0;
        int high = chunks.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (order.compare(chunks.get(mid).last(), task) < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private void split(int c) {
        Chunk full = chunks.get(c);
        int half = CHUNK / 2;
        Task[] upper = Arrays.copyOfRange(full.tasks, half, CHUNK);
        Arrays.fill(full.tasks, half, CHUNK, null);
        full.size = half;
        chunks.add(c + 1, new Chunk(upper, CHUNK - half));
    }

    private void mergeWithNeighbour(int c) {
        Chunk chunk = chunks.get(c);
        for (int other : new int[] {c - 1, c + 1}) {
            if (other < 0 || other >= chunks.size() || chunks.get(other).size + chunk.size > CHUNK) {
                continue;
            }
            Chunk first = chunks.get(Math.min(c, other));
            Chunk second = chunks.get(Math.max(c, other));
            if (first.tasks.length < first.size + second.size) {
                first.tasks = Arrays.copyOf(first.tasks, CHUNK);
            }
            System.arraycopy(second.tasks, 0, first.tasks, first.size, second.size);
            first.size += second.size;
            chunks.remove(Math.max(c, other));
            return;
        }
    }
}
