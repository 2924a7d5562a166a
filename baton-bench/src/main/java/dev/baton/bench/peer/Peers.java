package dev.baton.bench.peer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer task systems {@code baton bench} compares Baton with, by name. Each runs in this process (or, for
 * Conductor, a server it starts) after the Baton cluster stopped, on the local PostgreSQL, with the same number of
 * no-op jobs. A peer that cannot run here is reported as skipped with the reason, never as a figure.
 */
public final class Peers {
    public static final List<String> ALL = List.of(JobRunrPeer.NAME, DbSchedulerPeer.NAME, ConductorPeer.NAME);

    private Peers() {}

    /** The peers a {@code --peers} value names: {@code all}, {@code none}, or names from {@link #ALL}. */
    public static List<String> selected(List<String> asked) {
        List<String> out = new ArrayList<>();
        for (String name : asked) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            switch (n) {
                case "all" -> ALL.stream().filter(p -> !out.contains(p)).forEach(out::add);
                case "none", "" -> { }
                default -> {
                    if (!ALL.contains(n)) {
                        throw new IllegalArgumentException("unknown peer '" + name + "'; use all, none or "
                                + String.join(",", ALL));
                    }
                    if (!out.contains(n)) {
                        out.add(n);
                    }
                }
            }
        }
        return out;
    }

    /** Runs one peer; any failure becomes a {@code skipped} or {@code failed} result naming the cause. */
    public static PeerResult run(String name, int jobs, Duration timeout, String pgUrl, String pgUser,
                                 java.nio.file.Path conductorJar) {
        try {
            return switch (name) {
                case JobRunrPeer.NAME -> JobRunrPeer.run(jobs, timeout, pgUrl, pgUser);
                case DbSchedulerPeer.NAME -> DbSchedulerPeer.run(jobs, timeout, pgUrl, pgUser);
                case ConductorPeer.NAME -> ConductorPeer.run(jobs, timeout, pgUrl, pgUser,
                        conductorJar != null ? conductorJar : ConductorPeer.defaultJar());
                default -> throw new IllegalArgumentException("unknown peer " + name);
            };
        } catch (java.sql.SQLException e) {
            return PeerResult.skipped(name, "no PostgreSQL at " + pgUrl + " as " + pgUser + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PeerResult.failed(name, Versions.of(name), "interrupted");
        } catch (Exception | LinkageError e) {
            return PeerResult.failed(name, Versions.of(name), e.toString());
        }
    }

    /** Waits until {@code done} reaches {@code jobs} or the timeout passes; a timeout reports the partial rate. */
    static PeerResult await(String name, String version, String storage, int jobs, AtomicLong done, long startedNanos,
                            Duration timeout) throws InterruptedException {
        long deadline = startedNanos + timeout.toNanos();
        while (done.get() < jobs && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long finished = Math.min(done.get(), jobs);
        String reason = finished < jobs ? "timed out after " + timeout.toSeconds() + " s with " + finished + " of "
                + jobs + " jobs done; the rate is over the jobs done" : null;
        return new PeerResult(name, version, "ran", reason, finished, Math.round(seconds * 1000) / 1000.0,
                Math.round(finished / seconds * 10) / 10.0, storage);
    }
}
