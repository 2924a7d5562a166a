package dev.baton.server.control;

import java.util.function.LongSupplier;

/** A clock that moves only when the test says so. */
final class FakeClock implements LongSupplier {
    private long nowMs;

    FakeClock(long startMs) {
        this.nowMs = startMs;
    }

    @Override
    public long getAsLong() {
        return nowMs;
    }

    void advance(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("time only moves forward; got " + ms + " ms");
        }
        nowMs += ms;
    }
}
