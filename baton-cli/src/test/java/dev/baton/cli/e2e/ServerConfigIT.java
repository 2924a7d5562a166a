package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton server} configured through the real process environment and a config file, through the real jar. */
class ServerConfigIT {
    @TempDir
    Path dir;

    private static ProcessBuilder baton(Map<String, String> env, String... args) {
        return BatonProcess.jar(env, args);
    }

    private static BatonProcess.Result run(Map<String, String> env, String... args) throws Exception {
        Process process = baton(env, args).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new BatonProcess.Result(process.exitValue(), output);
    }

    @Test
    void printConfig_fileAndEnvironment_envWinsAndTokenIsRedacted() throws Exception {
        Path file = Files.writeString(dir.resolve("cluster.yaml"), """
                peers: [n1=10.0.0.1:8080, n2=10.0.0.2:8081, n3=10.0.0.3:8082]
                log: {format: json}
                """);

        BatonProcess.Result result = run(Map.of("BATON_CONFIG", file.toString(), "BATON_NODE_ID", "n2",
                "BATON_ADMIN_TOKEN", "hunter2-e2e", "BATON_URL", "http://elsewhere:1"), "server", "--print-config");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("id: n2", "port: 8081", "- n3=10.0.0.3:8082:18082",
                "adminToken: <redacted>", "format: json").doesNotContain("hunter2", "warning");
    }

    @Test
    void server_badEnvironmentValue_exitsUsageNamingTheVariable() throws Exception {
        BatonProcess.Result result = run(Map.of("BATON_RAFT_ELECTION_TIMEOUT_MIN_MS", "abc"), "server");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).isEqualTo("baton server: BATON_RAFT_ELECTION_TIMEOUT_MIN_MS=abc "
                + "(raft.electionTimeoutMinMs): not a number (accepted: 50-31536000000)\n");
    }

    @Test
    void server_parentProcessEnds_nodeExitsCleanly() throws Exception {
        int port = BatonProcess.freePort();
        Process parent = new ProcessBuilder("sleep", "300").start();
        Path log = dir.resolve("server.log");
        Process server = baton(Map.of("BATON_PORT", Integer.toString(port),
                "BATON_RAFT_PORT", Integer.toString(BatonProcess.freePort()), "BATON_HOST", "127.0.0.1",
                "BATON_NODE_DATA_DIR", dir.resolve("data").toString(), "BATON_ADMIN_TOKEN", "e2e-admin-token"),
                "server", "--parent-pid", Long.toString(parent.pid())).redirectOutput(log.toFile()).start();
        try {
            awaitReady(server, port, log);

            BatonProcess.Result status = BatonProcess.cli("status", "--url", "http://127.0.0.1:" + port,
                    "--token", "e2e-admin-token");
            assertThat(status.exitCode()).as(status.output()).isZero();

            parent.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
            assertThat(server.exitValue()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("parent process " + parent.pid() + " ended; stopping");
        } finally {
            server.destroyForcibly();
            parent.destroyForcibly();
        }
    }

    private static void awaitReady(Process server, int port, Path log) throws Exception {
        BatonProcess.awaitServerReady(server, port, log);
    }
}
