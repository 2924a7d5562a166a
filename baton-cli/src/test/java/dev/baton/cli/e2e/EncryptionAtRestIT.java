package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest as an operator runs it, through the real jar: {@code baton encryption new-key}, {@code baton
 * server} with {@code BATON_ENCRYPTION_KEY_FILE}, a key rotated with the server running, {@code baton backup} and
 * {@code baton restore} with {@code --encryption-key-file}; no file of the data directory holds a task's input or
 * output, and after a restart every task reads back.
 */
class EncryptionAtRestIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String TOKEN = "encryption-it-admin-token";

    @TempDir
    Path dir;

    @Test
    void server_withKeyFile_rotatesWhileRunning_keepsNothingInTheClear_andBacksUpSealed() throws Exception {
        Path keys = dir.resolve("keys");
        BatonProcess.Result made = BatonProcess.cli("encryption", "new-key", "--key-file", keys.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        Path data = dir.resolve("data");
        int port = BatonProcess.freePort();
        int raftPort = BatonProcess.freePort();
        String url = "http://127.0.0.1:" + port;
        String[] client = {"--url", url, "--token", TOKEN};
        List<String> markers = List.of("in-" + UUID.randomUUID(), "out-" + UUID.randomUUID(),
                "in-" + UUID.randomUUID(), "out-" + UUID.randomUUID());
        String first;
        String second;
        Process server = start(data, keys, port, raftPort, "server-1.log");
        try {
            first = runTask(url, markers.get(0), markers.get(1));
            BatonProcess.Result rotated = BatonProcess.cli("encryption", "new-key", "--key-file", keys.toString(),
                    "--id", "k2", "--activate");
            assertThat(rotated.output()).contains("added key k2").contains("active key: k2");
            awaitStatus(client, "active key k2, keys k1, k2");
            second = runTask(url, markers.get(2), markers.get(3));

            BatonProcess.Result backup = BatonProcess.cliWith(client, "backup", "--out",
                    dir.resolve("backups").toString(), "--encryption-key-file", keys.toString());
            assertThat(backup.exitCode()).as(backup.output()).isZero();
            assertThat(backup.output()).contains("sealed with key 'k2'").doesNotContain("warning");
        } finally {
            server.destroy();
            server.waitFor();
        }
        for (String marker : markers) {
            assertThat(filesHolding(data, marker)).as(marker).isEmpty();
        }

        server = start(data, keys, port, raftPort, "server-2.log");
        try {
            assertThat(get(url, "/v1/tasks/" + first)).contains(markers.get(0)).contains(markers.get(1));
            assertThat(get(url, "/v1/tasks/" + second)).contains(markers.get(2)).contains(markers.get(3));
        } finally {
            server.destroy();
            server.waitFor();
        }

        String logs = Files.readString(dir.resolve("server-1.log")) + Files.readString(dir.resolve("server-2.log"));
        assertThat(logs).contains("active key 'k2'");
        for (String line : Files.readAllLines(keys)) {
            if (line.startsWith("k")) {
                assertThat(logs).as("server logs hold no key").doesNotContain(line.substring(line.indexOf('=') + 1));
            }
        }

        Path snapshot;
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            snapshot = files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).findFirst()
                    .orElseThrow();
        }
        BatonProcess.Result restore = BatonProcess.cli("restore", "--from", snapshot.toString(), "--data-dir",
                dir.resolve("restored").toString(), "--encryption-key-file", keys.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
    }

    private Process start(Path data, Path keys, int port, int raftPort, String logName) throws Exception {
        Path log = dir.resolve(logName);
        Process server = BatonProcess.jar(Map.of("BATON_ADMIN_TOKEN", TOKEN, "BATON_ENCRYPTION_KEY_FILE",
                        keys.toString(), "BATON_ENCRYPTION_RELOAD_CHECK_MS", "200"), "server", "--data-dir",
                data.toString(), "--node-id", "n1", "--host", "127.0.0.1", "--peers",
                "n1=127.0.0.1:" + port + ":" + raftPort).redirectOutput(log.toFile()).start();
        BatonProcess.awaitServerReady(server, port, log);
        return server;
    }

    private static void awaitStatus(String[] client, String expected) throws Exception {
        String last = "";
        for (int i = 0; i < 50; i++) {
            last = BatonProcess.cliWith(client, "encryption", "status").output();
            if (last.contains(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("baton encryption status never showed '" + expected + "'; last:\n" + last);
    }

    /** Registers an agent, submits a task with {@code input}, leases it and completes it with {@code output}. */
    private static String runTask(String url, String input, String output) throws Exception {
        String agent = call(url, "POST", "/v1/agents", "{\"name\":\"enc\",\"capabilities\":[\"enc-it\"]}")
                .get("id").asText();
        String task = call(url, "POST", "/v1/tasks", "{\"capability\":\"enc-it\",\"input\":{\"t\":\"" + input
                + "\"}}").get("id").asText();
        int attempt = call(url, "POST", "/v1/agents/" + agent + "/poll", "{\"max\":1,\"waitMs\":10000}")
                .get("tasks").get(0).get("attempt").asInt();
        call(url, "POST", "/v1/agents/" + agent + "/results", "{\"results\":[{\"taskId\":\"" + task
                + "\",\"attempt\":" + attempt + ",\"status\":\"succeeded\",\"output\":{\"t\":\"" + output + "\"}}]}");
        assertThat(get(url, "/v1/tasks/" + task + "?waitMs=10000")).contains("succeeded");
        return task;
    }

    private static JsonNode call(String url, String method, String path, String body) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(method + " " + path + ": " + reply.body()).isBetween(200, 201);
        return JSON.readTree(reply.body());
    }

    private static String get(String url, String path) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    private static List<Path> filesHolding(Path root, String marker) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(marker);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
