package dev.baton.bench;

import dev.baton.bench.peer.PeerResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs the Baton part of a bench (load, then the Raft ceiling on the same cluster, while its processes are still
 * up) and assembles the {@link BenchReport} once the peers ran. Single-threaded use.
 */
final class BenchRun {
    private static final int CEILING_OUTSTANDING = 4_000;

    private final LoadSettings settings;
    private final boolean ceiling;
    private final boolean smoke;
    /** Read when the run starts: later commits while it runs do not describe the code that ran. */
    private final String commit = GitCommit.current();
    private LoadRun.Result load;
    private CeilingRun.Result ceilingResult;
    private List<BenchReport.NodeUsage> nodes = List.of();
    private double loadBefore;
    private double loadAfter;

    BenchRun(LoadSettings settings, boolean ceiling, boolean smoke) {
        this.settings = settings;
        this.ceiling = ceiling;
        this.smoke = smoke;
    }

    /** Loads the cluster, then measures its ceiling; reads CPU and peak memory of started nodes. */
    void measure(BenchTarget cluster) throws IOException, InterruptedException {
        loadBefore = ProcStats.loadAverage();
        load = new LoadRun(cluster, settings).run();
        loadAfter = ProcStats.loadAverage();
        List<BenchReport.NodeUsage> usage = new ArrayList<>();
        for (int i = 0; i < cluster.nodes().size(); i++) {
            BenchTarget.Node node = cluster.nodes().get(i);
            OptionalLong cpu = load.cpuMillis().get(i);
            OptionalLong rss = node.pid() == null ? OptionalLong.empty() : ProcStats.peakRssBytes(node.pid());
            usage.add(new BenchReport.NodeUsage(node.id(), node.url(), node.pid(),
                    cpu.isPresent() ? cpu.getAsLong() / 1000.0 : null, rss.isPresent() ? rss.getAsLong() : null));
        }
        nodes = usage;
        if (ceiling) {
            int commands = (int) Math.min(1_000_000, Math.max(smoke ? 3_000 : 30_000,
                    CeilingRun.COMMANDS_PER_TASK * load.finished()));
            Duration limit = smoke ? Duration.ofSeconds(2) : settings.duration();
            System.err.printf("baton bench: Raft ceiling, up to %d no-op commands...%n", commands);
            ceilingResult = CeilingRun.run(cluster.leaderUrl(), cluster.adminToken(), commands, CEILING_OUTSTANDING,
                    limit);
        }
    }

    LoadRun.Result load() {
        return load;
    }

    BenchReport report(List<PeerResult> peers, int nodeCount, boolean targeted) {
        LoadRun.Result r = load;
        Double ceilingTps = ceilingResult == null ? null : round(ceilingResult.tasksPerSecond());
        List<BenchReport.PeerRatio> ratios = new ArrayList<>();
        double best = 0;
        for (PeerResult p : peers) {
            if (p.ran() && p.jobsPerSecond() > 0) {
                ratios.add(new BenchReport.PeerRatio(p.name(), round(r.tasksPerSecond() / p.jobsPerSecond())));
                best = Math.max(best, p.jobsPerSecond());
            }
        }
        var machine = new BenchReport.Machine(Runtime.getRuntime().availableProcessors(), totalMemory(),
                Runtime.version().toString(), loadBefore, loadAfter);
        var asked = new BenchReport.Settings(nodeCount, targeted, settings.openLoop() ? "open" : "closed",
                settings.rate(), settings.outstanding(), settings.agents(), settings.agentConcurrency(),
                settings.capability(), settings.workMs(), settings.batchSize(), settings.duration().toMillis() / 1e3,
                settings.warmup().toMillis() / 1e3);
        return new BenchReport(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), commit, machine,
                asked, round(r.tasksPerSecond()), r.submitted(), r.finished(), r.submitErrors(), r.unfinished(),
                r.dispatch().p50Ms(), r.dispatch().p90Ms(), r.dispatch().p99Ms(), r.dispatch().maxMs(),
                r.finish().p50Ms(), r.finish().p90Ms(), r.finish().p99Ms(), r.finish().maxMs(),
                r.submitRequest().count(), r.submitRequest().p50Ms(), r.submitRequest().p95Ms(),
                r.submitRequest().p99Ms(), r.submitRequestErrors(), ceilingTps,
                ceilingResult == null ? null : ceilingResult.noop(),
                ceilingTps == null || ceilingTps == 0 ? null
                        : Math.round(r.tasksPerSecond() / ceilingTps * 1000) / 1000.0,
                peers, ratios, best == 0 ? null : round(r.tasksPerSecond() / best), nodes, r.timeline());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }
}
