package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton bench --smoke} through the real {@code baton-bench.jar}: one node, a few seconds of load, the Raft
 * ceiling, no peers. Checks the report's shape and that its figures are consistent with each other, never how fast.
 */
class BenchSmokeIT {
    static final Path JAR = Path.of(System.getProperty("baton.bench.jar", "target/baton-bench.jar"));

    @TempDir
    Path out;

    @Test
    void smoke_writesAConsistentReport() throws Exception {
        Path stdout = out.resolve("stdout.json");
        Path stderr = out.resolve("stderr.log");
        Process bench = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-jar",
                JAR.toString(), "--smoke", "--port", Integer.toString(freePortPair()), "--out-dir",
                out.resolve("report").toString(), "-o", "json"))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!bench.waitFor(180, TimeUnit.SECONDS)) {
            bench.destroyForcibly();
            throw new AssertionError("bench --smoke did not finish:\n" + Files.readString(stderr));
        }
        assertThat(bench.exitValue()).as(Files.readString(stderr)).isZero();

        JsonNode report = new ObjectMapper().readTree(stdout.toFile());
        assertThat(report.get("tasksFinished").asLong()).isPositive();
        assertThat(report.get("tasksPerSecond").asDouble()).isPositive();
        assertThat(report.get("submitErrors").asLong()).isZero();
        assertThat(report.get("dispatchP50Ms").asDouble()).isLessThanOrEqualTo(report.get("dispatchP99Ms").asDouble());
        assertThat(report.get("dispatchP99Ms").asDouble()).isLessThanOrEqualTo(report.get("dispatchMaxMs").asDouble());
        assertThat(report.get("dispatchP50Ms").asDouble()).isLessThanOrEqualTo(report.get("finishP50Ms").asDouble());
        assertThat(report.get("ceilingTasksPerSecond").asDouble()).isPositive();
        assertThat(report.get("ceiling").get("commands").asLong()).isPositive();
        assertThat(report.get("batonOverCeiling").asDouble()).isPositive();
        assertThat(report.get("peers").isArray()).isTrue();
        assertThat(report.get("nodes")).hasSize(1);
        assertThat(report.get("nodes").get(0).get("cpuSeconds").asDouble()).isPositive();
        assertThat(report.get("nodes").get(0).get("peakRssBytes").asLong()).isGreaterThan(1L << 20);
        long perSecond = 0;
        for (JsonNode second : report.get("timeline")) {
            perSecond += second.get("finished").asLong();
        }
        assertThat(report.get("timeline")).hasSize(2);
        // Tasks finished in warm-up and drain count in tasksFinished but in no second of the window.
        assertThat(perSecond).isPositive().isLessThanOrEqualTo(report.get("tasksFinished").asLong());

        Path dir = out.resolve("report");
        assertThat(new ObjectMapper().readTree(dir.resolve("bench.json").toFile()).get("tasksPerSecond").asDouble())
                .isEqualTo(report.get("tasksPerSecond").asDouble());
        assertThat(Files.readAllLines(dir.resolve("bench-summary.csv")).get(1)).startsWith("baton,ran,");
        assertThat(Files.readAllLines(dir.resolve("bench-summary.csv")).get(2)).startsWith("raft-ceiling,ran,");
        assertThat(Files.readAllLines(dir.resolve("bench-timeline.csv"))).hasSize(3);
        byte[] png = Files.readAllBytes(dir.resolve("bench.png"));
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    /** A port p such that p and p + 10000 (its Raft port) are free now. */
    private static int freePortPair() throws IOException {
        for (int i = 0; i < 100; i++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(20_000);
            if (free(port) && free(port + 10_000)) {
                return port;
            }
        }
        throw new IOException("no free port pair");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
