package dev.baton.server.control;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** A deterministic, single-threaded executor: runnables queue until the test runs them on its own thread. */
final class ManualExecutor implements Executor {
    /** Bound on runnables one {@link #runAll()} may run, so a task that keeps re-queueing itself fails loudly. */
    private static final int MAX_RUNS = 1_000_000;

    private final Queue<Runnable> queue = new ArrayDeque<>();

    @Override
    public void execute(Runnable command) {
        queue.add(command);
    }

    /** Runs queued runnables, including those they queue, until none is left; returns how many ran. */
    int runAll() {
        int ran = 0;
        Runnable next;
        while ((next = queue.poll()) != null) {
            if (++ran > MAX_RUNS) {
                throw new IllegalStateException("executor still busy after " + MAX_RUNS + " runnables");
            }
            next.run();
        }
        return ran;
    }

    /** Runs up to {@code max} queued runnables, oldest first; returns how many ran. */
    int runNext(int max) {
        int ran = 0;
        Runnable next;
        while (ran < max && (next = queue.poll()) != null) {
            next.run();
            ran++;
        }
        return ran;
    }

    int queued() {
        return queue.size();
    }

    boolean isIdle() {
        return queue.isEmpty();
    }
}
