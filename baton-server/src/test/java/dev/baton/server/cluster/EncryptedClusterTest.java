package dev.baton.server.cluster;

import static dev.baton.server.cluster.ClusterTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.crypto.DataDirScan;
import dev.baton.server.crypto.EncryptionSettings;
import dev.baton.server.crypto.KeyFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes sharing one key file: followers open what the leader sealed, a key rotated while the cluster runs
 * seals the entries and snapshots that follow on every node, no data directory holds task input or output in the
 * clear, and after a full restart every node reads every task.
 */
class EncryptedClusterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path root;
    LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void threeNodes_rotateWhileRunning_nothingInTheClearOnDisk_andEverythingReadsAfterRestart() throws Exception {
        Path keyFile = root.resolve("keys");
        KeyFiles.addKey(keyFile, "k1", true);
        cluster = new LocalCluster(root, 3).encryption(new EncryptionSettings(keyFile, 100));
        cluster.startAll();
        String first = "in-" + UUID.randomUUID();
        String firstOut = "out-" + UUID.randomUUID();
        String firstTask = runTask(awaitLeader(), first, firstOut);

        KeyFiles.addKey(keyFile, "k2", false);
        awaitOnEveryNode(status -> status.get("keyIds").toString().contains("\"k2\""));
        KeyFiles.activate(keyFile, "k2");
        awaitOnEveryNode(status -> status.get("activeKeyId").asText().equals("k2"));

        String second = "in-" + UUID.randomUUID();
        String secondOut = "out-" + UUID.randomUUID();
        String secondTask = runTask(awaitLeader(), second, secondOut);
        for (String id : cluster.running().keySet()) {
            awaitTrue(() -> get(id, "/v1/tasks/" + secondTask + "?stale=true").contains("succeeded"));
            assertThat(call(id, "POST", "/v1/cluster/snapshot", null).statusCode()).isEqualTo(200);
            JsonNode status = JSON.readTree(get(id, "/v1/cluster/encryption"));
            assertThat(status.get("latestSnapshot").get("keyId").asText()).as(id).isEqualTo("k2");
        }
        cluster.close();

        for (String marker : List.of(first, firstOut, second, secondOut)) {
            assertThat(DataDirScan.filesHolding(root, marker)).as(marker).isEmpty();
        }
        cluster.startAll();
        awaitLeader();
        for (String id : cluster.running().keySet()) {
            awaitTrue(() -> get(id, "/v1/tasks/" + secondTask + "?stale=true").contains(secondOut));
            assertThat(get(id, "/v1/tasks/" + firstTask + "?stale=true")).contains(first).contains(firstOut);
            assertThat(get(id, "/v1/tasks/" + secondTask + "?stale=true")).contains(second);
        }
    }

    private String runTask(String node, String input, String output) throws Exception {
        String agent = JSON.readTree(call(node, "POST", "/v1/agents", "{\"name\":\"enc\",\"capabilities\":[\"enc\"]}")
                .body()).get("id").asText();
        HttpResponse<String> submitted = call(node, "POST", "/v1/tasks", "{\"capability\":\"enc\",\"input\":{\"t\":\""
                + input + "\"}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String task = JSON.readTree(submitted.body()).get("id").asText();
        JsonNode polled = JSON.readTree(call(node, "POST", "/v1/agents/" + agent + "/poll",
                "{\"max\":1,\"waitMs\":5000}").body());
        int attempt = polled.get("tasks").get(0).get("attempt").asInt();
        HttpResponse<String> results = call(node, "POST", "/v1/agents/" + agent + "/results", "{\"results\":[{"
                + "\"taskId\":\"" + task + "\",\"attempt\":" + attempt + ",\"status\":\"succeeded\",\"output\":{"
                + "\"t\":\"" + output + "\"}}]}");
        assertThat(results.body()).contains(task);
        return task;
    }

    private void awaitOnEveryNode(java.util.function.Predicate<JsonNode> condition) {
        for (String id : cluster.running().keySet()) {
            awaitTrue(() -> {
                try {
                    return condition.test(JSON.readTree(get(id, "/v1/cluster/encryption")));
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    /** The leader, once it is ready and every node accepts the admin key it stored. */
    private String awaitLeader() {
        String[] leader = new String[1];
        awaitTrue(() -> {
            for (String id : cluster.running().keySet()) {
                try {
                    JsonNode ready = JSON.readTree(get(id, "/ready"));
                    if (ready.path("status").asText().equals("ready") && ready.path("leader").asText().equals(id)
                            && cluster.running().keySet().stream().allMatch(n -> status(n) == 200)) {
                        leader[0] = id;
                        return true;
                    }
                } catch (Exception e) {
                    // not up yet
                }
            }
            return false;
        });
        return leader[0];
    }

    private int status(String id) {
        try {
            return call(id, "GET", "/v1/agents?stale=true", null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private String get(String id, String path) {
        try {
            return call(id, "GET", path, null).body();
        } catch (Exception e) {
            return "";
        }
    }

    private HttpResponse<String> call(String id, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cluster.node(id).url() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + LocalCluster.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
