package dev.baton.bench;

import dev.baton.bench.peer.PeerResult;
import dev.baton.bench.peer.Peers;
import dev.baton.cli.Converters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton bench}: measures Baton end to end, the Raft ceiling of the same cluster, and peer task systems, and
 * writes the report (JSON, CSV, PNG). Runs on the main thread; see docs/performance.md for what each figure means.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure Baton's throughput and latency against the Raft ceiling and peer task systems.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "1", description = "Nodes to start: 1 or 3 (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--target", split = ",", description = "Bench a running cluster at these URLs instead.")
    List<String> target;

    @Option(names = "--token", defaultValue = "${env:BATON_TOKEN}", description = "Admin token for --target "
            + "(env BATON_TOKEN).")
    String token;

    @Option(names = "--duration", defaultValue = "30s", converter = Converters.DurationConverter.class,
            description = "Measured window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = Converters.DurationConverter.class,
            description = "Load before the window, not measured (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--rate", defaultValue = "0", description = "Open loop: submit this many tasks/s.")
    int rate;

    @Option(names = "--outstanding", defaultValue = "2000",
            description = "Closed loop (without --rate): unfinished tasks kept (default: ${DEFAULT-VALUE}).")
    int outstanding;

    @Option(names = "--agents", defaultValue = "4", description = "In-process SDK agents (default: ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--agent-concurrency", defaultValue = "256", description = "Slots per agent (default: "
            + "${DEFAULT-VALUE}).")
    int agentConcurrency;

    @Option(names = "--capability", defaultValue = "bench.noop", description = "Capability of the tasks and agents "
            + "(default: ${DEFAULT-VALUE}).")
    String capability;

    @Option(names = "--work-ms", defaultValue = "0", description = "Each task sleeps this long in its agent.")
    long workMs;

    @Option(names = "--batch", defaultValue = "500", description = "Tasks per submit request, 1..1000 (default: "
            + "${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--submitters", defaultValue = "4", description = "Closed-loop submitting threads (default: "
            + "${DEFAULT-VALUE}).")
    int submitters;

    @Option(names = "--spread", description = "Start agent i on node i mod n (default: every agent on the leader).")
    boolean spread;

    @Option(names = "--ceiling", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Measure the Raft ceiling on the same cluster (default: on; --no-ceiling skips it).")
    boolean ceiling;

    @Option(names = "--peers", defaultValue = "all", split = ",",
            description = "Peers to run: all, none, or any of jobrunr,db-scheduler,conductor (default: all).")
    List<String> peers;

    @Option(names = "--peer-max-jobs", defaultValue = "50000", description = "Jobs per peer at most (default: "
            + "${DEFAULT-VALUE}); each peer runs as many as Baton finished, up to this.")
    int peerMaxJobs;

    @Option(names = "--peer-timeout", defaultValue = "120s", converter = Converters.DurationConverter.class,
            description = "Longest one peer may run (default: ${DEFAULT-VALUE}).")
    Duration peerTimeout;

    @Option(names = "--pg-url", defaultValue = "${env:BATON_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}",
            description = "PostgreSQL for the peers (default: ${DEFAULT-VALUE}; user --pg-user, trust auth).")
    String pgUrl;

    @Option(names = "--pg-user", defaultValue = "${env:BATON_BENCH_PG_USER:-postgres}", description = "PostgreSQL user.")
    String pgUser;

    @Option(names = "--conductor-jar", description = "Conductor's server jar (default: BATON_BENCH_CONDUCTOR_JAR, "
            + "else conductor-server-<version>-boot.jar in the local Maven repository).")
    Path conductorJar;

    @Option(names = "--port", defaultValue = "18600", description = "First HTTP port of started nodes (Raft: +10000).")
    int port;

    @Option(names = "--data-dir", description = "Data of started nodes (default: a temporary directory, deleted).")
    Path dataDir;

    @Option(names = "--node-jvm-option", description = "Extra JVM option for started nodes, repeatable; {node} is "
            + "the node id (e.g. -XX:StartFlightRecording=filename=/tmp/{node}.jfr).")
    List<String> nodeJvmOptions = new ArrayList<>();

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text (a summary) or json (the report).")
    String output;

    @Option(names = "--out-dir", defaultValue = "bench-results", description = "Where bench.json, the CSV files and "
            + "bench.png go (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--memory", description = "Instead of load: heap for --memory-agents registered agents and "
            + "--memory-tasks queued tasks on the started nodes (writes memory.json).")
    boolean memory;

    @Option(names = "--memory-agents", defaultValue = "10000", description = "Agents for --memory (default: "
            + "${DEFAULT-VALUE}).")
    int memoryAgents;

    @Option(names = "--memory-tasks", defaultValue = "1000000", description = "Queued tasks for --memory (default: "
            + "${DEFAULT-VALUE}).")
    long memoryTasks;

    @Option(names = "--smoke", description = "A few seconds, small load, no peers: proves the bench works.")
    boolean smoke;

    /** Runs {@code baton bench} with the given arguments and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchLogging.toStandardError();
        if (smoke) {
            duration = Duration.ofSeconds(2);
            warmup = Duration.ofSeconds(1);
            agents = Math.min(agents, 2);
            outstanding = Math.min(outstanding, 200);
            peers = List.of("none");
        }
        if (target == null && nodes != 1 && nodes != 3) {
            System.err.println("baton bench: --nodes must be 1 or 3 (got " + nodes + ")");
            return 2;
        }
        if (target != null && (token == null || token.isBlank())) {
            System.err.println("baton bench: --target needs --token (or BATON_TOKEN), an admin key");
            return 2;
        }
        if (!output.equals("text") && !output.equals("json")) {
            System.err.println("baton bench: --output must be text or json (got " + output + ")");
            return 2;
        }
        if (memory) {
            return runMemory();
        }
        LoadSettings settings = new LoadSettings(agents, agentConcurrency, capability, workMs, rate, outstanding,
                batch, submitters, warmup, duration, spread);
        BenchRun run = new BenchRun(settings, ceiling, smoke);
        BenchReport report;
        Path data = dataDir != null ? dataDir : Files.createTempDirectory("baton-bench");
        try {
            try (BenchTarget cluster = target != null ? BenchTarget.of(target, token)
                    : BenchTarget.start(nodes, port, data, nodeJvmOptions)) {
                System.err.printf("baton bench: %d node(s) %s; %s for %ds after %ds warm-up...%n",
                        cluster.nodes().size(), cluster.started() ? "started" : "targeted",
                        settings.openLoop() ? "open loop at " + rate + " tasks/s" : "closed loop, " + outstanding
                                + " outstanding", duration.toSeconds(), warmup.toSeconds());
                run.measure(cluster);
            }
            List<PeerResult> peerResults = new ArrayList<>();
            for (String peer : Peers.selected(peers)) {
                int jobs = (int) Math.max(1_000, Math.min(peerMaxJobs, run.load().finished()));
                System.err.printf("baton bench: peer %s, %d jobs...%n", peer, jobs);
                peerResults.add(Peers.run(peer, jobs, peerTimeout, pgUrl, pgUser, conductorJar));
            }
            report = run.report(peerResults, target != null ? target.size() : nodes, target != null);
        } finally {
            if (dataDir == null) {
                deleteTree(data);
            }
        }
        List<Path> files = ReportFiles.write(report, outDir);
        if (output.equals("json")) {
            System.out.println(ReportFiles.JSON.writeValueAsString(report));
        } else {
            System.out.print(TextSummary.of(report));
            files.forEach(f -> System.out.println("  wrote " + f));
        }
        return report.tasksFinished() > 0 ? 0 : 1;
    }

    private int runMemory() throws Exception {
        Path data = dataDir != null ? dataDir : Files.createTempDirectory("baton-bench");
        MemoryRun.Result result;
        try (BenchTarget cluster = target != null ? BenchTarget.of(target, token)
                : BenchTarget.start(nodes, port, data, nodeJvmOptions)) {
            System.err.printf("baton bench --memory: %d agents, %d queued tasks on %d node(s)...%n", memoryAgents,
                    memoryTasks, cluster.nodes().size());
            result = MemoryRun.run(cluster, memoryAgents, memoryTasks, String.join(" ", nodeJvmOptions));
        } finally {
            if (dataDir == null) {
                deleteTree(data);
            }
        }
        Files.createDirectories(outDir);
        ReportFiles.JSON.writeValue(outDir.resolve("memory.json").toFile(), result);
        System.out.println(ReportFiles.JSON.writeValueAsString(result));
        return 0;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
