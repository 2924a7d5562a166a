package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
    @TempDir
    Path dir;

    @Test
    void printConfig_flags_printsEffectiveYamlAndExitsOk() {
        Cli.Result result = Cli.run("server", "--print-config", "--node-id", "n2", "--peers",
                "n1=10.0.0.1:8080,n2=10.0.0.2:8080:9000", "--data-dir", dir.toString(), "--metrics-auth",
                "--log-format", "json", "--join");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("""
                node:
                  id: n2
                  dataDir: %s
                  join: true
                http:
                  host: 0.0.0.0
                  port: 8080
                  maxRequestBytes: 1048576
                  metricsAuth: true
                  maxHeaderBytes: 8192
                peers:
                  - n1=10.0.0.1:8080:18080
                  - n2=10.0.0.2:8080:9000
                """.formatted(dir), "adminTokenFile: " + dir.resolve("admin.token"), "format: json");
    }

    @Test
    void printConfig_fileWithToken_redactsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("baton.yaml"), """
                http: {port: 9100}
                auth: {adminToken: hunter2-in-file}
                """);

        Cli.Result result = Cli.run("server", "--config", file.toString(), "--print-config");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("port: 9100", "adminToken: <redacted>").doesNotContain("hunter2");
    }

    @Test
    void run_badPeers_exitsUsageWithTheMessage() {
        Cli.Result result = Cli.run("server", "--peers", "n1=127.0.0.1:8080,n2=127.0.0.1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("baton server: --peers (peers): peer 'n2=127.0.0.1' has no port: use "
                + "id=host:httpPort[:raftPort]" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void run_nodeIdNotAmongPeers_exitsUsage() {
        Cli.Result result = Cli.run("server", "--print-config", "--peers", "a=h:8080", "--node-id", "b");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("baton server: --node-id b (node.id): not among the peers (accepted: a)");
    }

    @Test
    void run_badConfigFile_listsEveryProblemWithoutStackTrace() throws IOException {
        Path file = Files.writeString(dir.resolve("baton.yaml"), "http: {prot: 80}\nraft: {electionTimeoutMinMs: x}\n");

        Cli.Result result = Cli.run("server", "--config", file.toString(), "--port", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().lines().toList()).containsExactly(
                "baton server: 3 configuration problems:",
                "  http.prot: unknown key (did you mean http.port?)",
                "  raft.electionTimeoutMinMs: 'x' is not a number (accepted: 50-31536000000)",
                "  --port 0 (http.port): out of range (accepted: 1-65535)");
    }

    @Test
    void run_portNotANumber_isPicocliUsageError() {
        Cli.Result result = Cli.run("server", "--port", "eighty");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--port", "eighty");
    }

    @Test
    void run_parentPidNotRunning_exitsUsage() {
        Cli.Result result = Cli.run("server", "--parent-pid", Long.toString(Long.MAX_VALUE), "--data-dir",
                dir.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--parent-pid " + Long.MAX_VALUE + ": no such process");
    }

    @Test
    void run_noAdminCredential_exitsUsage() throws IOException {
        Cli.Result result = Cli.run("server", "--data-dir", dir.toString(), "--port", Integer.toString(freePort()),
                "--admin-token-file", dir.resolve("missing.token").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("baton server: no admin credential");
    }

    @Test
    void help_server_hidesParentPidAndNamesConfigDocs() {
        Cli.Result result = Cli.run("server", "--help");

        assertThat(result.out()).contains("--config", "--peers", "--print-config", "docs/configuration.md")
                .doesNotContain("--parent-pid");
    }

    @Test
    void run_parentProcessEnds_stopsTheNodeAndExitsOk() throws Exception {
        Files.writeString(dir.resolve("admin.token"), "test-admin-token\n");
        int port = freePort();
        int raftPort = freePort();
        Process parent = new ProcessBuilder("sleep", "120").start();
        // Its own thread, not the common pool: onExit() completes on the common pool, which has one thread on a
        // two-core machine.
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Cli.Result> server = CompletableFuture.supplyAsync(() -> Cli.run("server",
                    "--data-dir", dir.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--raft-port", Integer.toString(raftPort), "--parent-pid", Long.toString(parent.pid())), thread);
            awaitReady(port, server);

            parent.destroy();
            Cli.Result result = server.get(60, TimeUnit.SECONDS);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(result.out()).contains("Baton node n1 listening on 127.0.0.1:" + port);
        } finally {
            parent.destroyForcibly();
            thread.shutdownNow();
        }
    }

    private static void awaitReady(int port, CompletableFuture<Cli.Result> server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (server.isDone()) {
                throw new AssertionError("baton server ended early: " + server.get());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("baton server did not become ready");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
