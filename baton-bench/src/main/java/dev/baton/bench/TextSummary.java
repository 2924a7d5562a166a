package dev.baton.bench;

import dev.baton.bench.peer.PeerResult;
import java.util.Locale;

/** The human summary {@code baton bench} prints: Baton's figures, the ceiling, each peer and the ratios. Stateless. */
final class TextSummary {
    private TextSummary() {}

    static String of(BenchReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nbaton bench  %s  commit %s  %d cores  load %.2f -> %.2f%n", r.date(),
                r.commit(), r.machine().cores(), r.machine().loadBefore(), r.machine().loadAfter()));
        out.append(String.format(Locale.ROOT, "  Baton (%d node%s, %s loop):  %.0f tasks/s  (%d finished, %d submit "
                        + "errors, %d unfinished)%n", r.settings().nodes(), r.settings().nodes() == 1 ? "" : "s",
                r.settings().mode(), r.tasksPerSecond(), r.tasksFinished(), r.submitErrors(), r.tasksUnfinished()));
        out.append(String.format(Locale.ROOT, "    submit->dispatch ms  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                r.dispatchP50Ms(), r.dispatchP90Ms(), r.dispatchP99Ms(), r.dispatchMaxMs()));
        out.append(String.format(Locale.ROOT, "    submit->finish   ms  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                r.finishP50Ms(), r.finishP90Ms(), r.finishP99Ms(), r.finishMaxMs()));
        out.append(String.format(Locale.ROOT, "    submit requests: %d in the window, p50 %.2f  p95 %.2f  p99 %.2f ms, "
                        + "%d failed%n", r.submitRequests(), r.submitRequestP50Ms(), r.submitRequestP95Ms(),
                r.submitRequestP99Ms(), r.submitRequestErrors()));
        for (BenchReport.NodeUsage n : r.nodes()) {
            out.append(String.format(Locale.ROOT, "    node %s  cpu %s s  peak rss %s MiB%n", n.id(),
                    n.cpuSeconds() == null ? "?" : String.format(Locale.ROOT, "%.1f", n.cpuSeconds()),
                    n.peakRssBytes() == null ? "?" : Long.toString(n.peakRssBytes() >> 20)));
        }
        if (r.ceiling() != null) {
            out.append(String.format(Locale.ROOT, "  Raft ceiling: %.0f tasks/s (%.0f no-op commands/s, %.1f per entry,"
                            + " commit p50 %.2f ms p99 %.2f ms)  Baton/ceiling %.3f%n", r.ceilingTasksPerSecond(),
                    r.ceiling().commandsPerSecond(), r.ceiling().commandsPerEntry(), r.ceiling().commitP50Ms(),
                    r.ceiling().commitP99Ms(), r.batonOverCeiling()));
        }
        for (PeerResult p : r.peers()) {
            if (p.ran()) {
                out.append(String.format(Locale.ROOT, "  %s %s: %.0f jobs/s (%d jobs, %s)  Baton/%s %.2f%n", p.name(),
                        p.version(), p.jobsPerSecond(), p.jobs(), p.storage(), p.name(),
                        r.tasksPerSecond() / p.jobsPerSecond()));
            } else {
                out.append(String.format(Locale.ROOT, "  %s: %s (%s)%n", p.name(), p.status(), p.reason()));
            }
        }
        if (r.batonOverBestPeer() != null) {
            out.append(String.format(Locale.ROOT, "  Baton / best peer: %.2f%n", r.batonOverBestPeer()));
        }
        return out.toString();
    }
}
