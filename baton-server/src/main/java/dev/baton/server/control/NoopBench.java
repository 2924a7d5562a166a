package dev.baton.server.control;

import dev.baton.api.NoopBenchResult;
import dev.baton.core.command.Noop;
import dev.baton.core.state.Outcome;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The Raft ceiling of {@code baton bench}: proposes {@link Noop} commands straight to the {@link CommandLog} (the
 * same batching proposer real commands use, without the control loop, routing or HTTP per command), with a
 * window of outstanding proposals, and times them. Leader only; the caller checks that.
 *
 * <p>Threading: {@link #run} blocks its caller (a request thread) until every proposal it made completed; several
 * runs may overlap, they just share the log. Durability: a proposal counts once committed and applied here, so the
 * figure includes the fsync of every entry (and a majority's on a cluster).
 */
public final class NoopBench {
    public static final int MAX_COMMANDS = 1_000_000;
    public static final int MAX_OUTSTANDING = 100_000;
    public static final long MAX_DURATION_MS = 60_000;

    private final CommandLog log;
    private final LongSupplier clock;
    private final LongSupplier appliedIndex;

    public NoopBench(CommandLog log, LongSupplier clock, LongSupplier appliedIndex) {
        this.log = log;
        this.clock = clock;
        this.appliedIndex = appliedIndex;
    }

    /** Commits up to {@code commands} no-ops, at most {@code outstanding} in flight, stopping after {@code maxDurationMs}. */
    public NoopBenchResult run(int commands, int outstanding, long maxDurationMs) throws InterruptedException {
        Semaphore window = new Semaphore(outstanding);
        long[] latencies = new long[commands];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long firstIndex = appliedIndex.getAsLong();
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MILLISECONDS.toNanos(maxDurationMs);
        int proposed = 0;
        while (proposed < commands && System.nanoTime() < deadline && failure.get() == null) {
            window.acquire();
            int slot = proposed++;
            long proposedAt = System.nanoTime();
            CompletableFuture<Outcome> reply = log.propose(new Noop(clock.getAsLong()));
            reply.whenComplete((outcome, error) -> {
                latencies[slot] = System.nanoTime() - proposedAt;
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
                window.release();
            });
        }
        window.acquire(outstanding); // every proposal completed
        long elapsed = System.nanoTime() - started;
        if (failure.get() != null) {
            throw new IllegalStateException("a no-op proposal failed: " + failure.get(), failure.get());
        }
        long entries = Math.max(1, appliedIndex.getAsLong() - firstIndex);
        long[] sorted = Arrays.copyOf(latencies, proposed);
        Arrays.sort(sorted);
        double elapsedMs = elapsed / 1e6;
        return new NoopBenchResult(proposed, entries, elapsedMs, proposed / (elapsed / 1e9),
                (double) proposed / entries, percentileMs(sorted, 0.50), percentileMs(sorted, 0.99),
                percentileMs(sorted, 1.0));
    }

    private static double percentileMs(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
