package dev.baton.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code baton bench}: runs the benchmark, which lives in its own jar ({@code baton-bench/target/baton-bench.jar})
 * so that its peer systems (JobRunr, db-scheduler, the PostgreSQL driver) never become part of {@code baton.jar}.
 * This verb finds that jar ({@code BATON_BENCH_JAR}, else next to this checkout's {@code baton.jar}) and runs it in
 * a child JVM with the same arguments, standard streams and exit code. {@code ./baton bench} builds the jar first.
 */
@Command(name = "bench", description = "Measure throughput and latency against the Raft ceiling and peer systems "
        + "(runs baton-bench.jar; see docs/performance.md and baton bench --help).")
final class BenchCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path jar = benchJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            System.err.println("baton bench: baton-bench.jar not found" + (jar == null ? "" : " at " + jar)
                    + "; build it with ./mvnw -B -DskipTests package -pl baton-bench -am (./baton bench does), or set "
                    + "BATON_BENCH_JAR");
            return ExitCodes.USAGE;
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-jar", jar.toString()));
        command.addAll(args);
        Process bench = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(bench::destroy, "baton-bench-stop"));
        return bench.waitFor();
    }

    private static Path benchJar() throws URISyntaxException {
        String configured = System.getenv("BATON_BENCH_JAR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        var source = BenchCommand.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        // <checkout>/baton-cli/target/baton.jar -> <checkout>/baton-bench/target/baton-bench.jar
        Path self = Path.of(source.getLocation().toURI()).toAbsolutePath();
        Path checkout = self.getParent() == null || self.getParent().getParent() == null ? null
                : self.getParent().getParent().getParent();
        return checkout == null ? null : checkout.resolve("baton-bench").resolve("target").resolve("baton-bench.jar");
    }
}
