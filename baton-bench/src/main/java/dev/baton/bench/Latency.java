package dev.baton.bench;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency distribution, in milliseconds. Immutable. */
public record Latency(long count, double p50Ms, double p90Ms, double p95Ms, double p99Ms, double maxMs) {
    static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

    /** Reads the percentiles of a histogram recorded in microseconds. */
    static Latency of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
