package dev.baton.bench;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What happened in each second of a measured run: tasks finished, and submit-to-dispatch and submit-to-finish
 * latency. Recording starts at {@link #start}; events before it (warm-up) are dropped, and so are those after
 * {@link #seconds} seconds. Thread-safe: recorders synchronise on this object (a few million calls a minute is
 * well within what an uncontended monitor takes).
 */
final class Timeline {
    private static final long MAX_MICROS = 3_600_000_000L;

    /** One second of the run. */
    record Second(int second, long finished, double dispatchP50Ms, double dispatchP99Ms, double finishP50Ms,
                  double finishP99Ms) {}

    private final int seconds;
    private final Histogram dispatch = new Histogram(MAX_MICROS, 3);
    private final Histogram finish = new Histogram(MAX_MICROS, 3);
    private final Histogram[] dispatchPerSecond;
    private final Histogram[] finishPerSecond;
    private volatile long startNanos = Long.MAX_VALUE;

    Timeline(int seconds) {
        this.seconds = seconds;
        dispatchPerSecond = new Histogram[seconds];
        finishPerSecond = new Histogram[seconds];
        for (int i = 0; i < seconds; i++) {
            dispatchPerSecond[i] = new Histogram(MAX_MICROS, 2);
            finishPerSecond[i] = new Histogram(MAX_MICROS, 2);
        }
    }

    /** Starts the measured window now. */
    void start() {
        startNanos = System.nanoTime();
    }

    long startNanos() {
        return startNanos;
    }

    /** A task submitted at {@code submittedNanos} reached its agent at {@code atNanos}. */
    synchronized void dispatched(long submittedNanos, long atNanos) {
        record(dispatch, dispatchPerSecond, submittedNanos, atNanos);
    }

    /** A task submitted at {@code submittedNanos} had its result recorded at {@code atNanos}. */
    synchronized void finished(long submittedNanos, long atNanos) {
        record(finish, finishPerSecond, submittedNanos, atNanos);
    }

    private void record(Histogram whole, Histogram[] perSecond, long submittedNanos, long atNanos) {
        int second = secondOf(atNanos);
        if (second >= 0) {
            long micros = micros(atNanos - submittedNanos);
            whole.recordValue(micros);
            perSecond[second].recordValue(micros);
        }
    }

    synchronized Latency dispatchLatency() {
        return Latency.of(dispatch);
    }

    synchronized Latency finishLatency() {
        return Latency.of(finish);
    }

    /** Tasks finished inside the window. */
    synchronized long finished() {
        return finish.getTotalCount();
    }

    synchronized List<Second> seconds() {
        List<Second> out = new ArrayList<>(seconds);
        for (int i = 0; i < seconds; i++) {
            Latency d = Latency.of(dispatchPerSecond[i]);
            Latency f = Latency.of(finishPerSecond[i]);
            out.add(new Second(i + 1, f.count(), d.p50Ms(), d.p99Ms(), f.p50Ms(), f.p99Ms()));
        }
        return out;
    }

    private int secondOf(long atNanos) {
        long start = startNanos;
        if (atNanos < start) {
            return -1;
        }
        long second = (atNanos - start) / 1_000_000_000L;
        return second < seconds ? (int) second : -1;
    }

    private static long micros(long nanos) {
        return Math.max(0, Math.min(MAX_MICROS, nanos / 1_000));
    }
}
