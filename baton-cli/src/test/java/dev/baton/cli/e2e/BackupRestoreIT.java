package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's remote backup through the real jar: {@code baton backup} from a running node, the node gone,
 * {@code baton restore} into an empty directory, {@code baton server} on it — every task is back as it was.
 */
class BackupRestoreIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void backupFromRunningNode_restoreElsewhere_sameTasks() throws Exception {
        Path devData = dir.resolve("dev");
        Map<String, String> before = new LinkedHashMap<>();
        String token;
        Path snapshot;
        try (BatonProcess dev = BatonProcess.dev(devData, BatonProcess.freePort())) {
            token = Files.readString(devData.resolve("admin.token")).strip();
            for (int i = 0; i < 10; i++) {
                String id = post(dev.url(), token, "/v1/tasks", "{\"capability\":\""
                        + (i % 2 == 0 ? "echo" : "nobody-serves-this") + "\",\"input\":{\"n\":" + i + "}}")
                        .get("id").asText();
                if (i % 2 == 0) {
                    assertThat(get(dev.url(), token, "/v1/tasks/" + id + "?waitMs=20000").get("state").asText())
                            .isEqualTo("succeeded");
                }
            }
            for (JsonNode task : get(dev.url(), token, "/v1/tasks?limit=100").get("tasks")) {
                before.put(task.get("id").asText(), task.get("state").asText());
            }
            assertThat(before).hasSize(10).containsValue("succeeded").containsValue("queued");

            BatonProcess.Result backup = BatonProcess.cli("backup", "--url", dev.url(), "--token", token,
                    "--out", dir.resolve("backups").toString());
            assertThat(backup.exitCode()).as(backup.output()).isZero();
            assertThat(backup.output()).contains("restore with: baton restore --from");
            try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
                snapshot = files.filter(f -> f.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                        .findFirst().orElseThrow();
            }
        }

        Path restored = dir.resolve("restored");
        BatonProcess.Result restore = BatonProcess.cli("restore", "--from", snapshot.toString(), "--data-dir",
                restored.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();

        int port = BatonProcess.freePort();
        Path log = dir.resolve("server.log");
        Process server = BatonProcess.jar(Map.of("BATON_ADMIN_TOKEN", token), "server", "--data-dir",
                restored.toString(), "--node-id", "n1", "--host", "127.0.0.1", "--peers",
                "n1=127.0.0.1:" + port + ":" + BatonProcess.freePort()).redirectOutput(log.toFile()).start();
        try {
            BatonProcess.awaitServerReady(server, port, log);
            Map<String, String> after = new LinkedHashMap<>();
            for (JsonNode task : get("http://127.0.0.1:" + port, token, "/v1/tasks?limit=100").get("tasks")) {
                after.put(task.get("id").asText(), task.get("state").asText());
            }
            assertThat(after).isEqualTo(before);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static JsonNode post(String url, String token, String path, String body) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body());
    }

    private static JsonNode get(String url, String token, String path) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return JSON.readTree(reply.body());
    }
}
