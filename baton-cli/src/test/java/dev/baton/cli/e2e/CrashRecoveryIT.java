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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety through the real jar: acknowledged submissions survive {@code kill -9}, and each then completes
 * exactly once (one successful attempt, no second result).
 */
class CrashRecoveryIT {
    static final int TASKS = 200;
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void kill9_losesNoAcknowledgedTask_andEachCompletesOnce() throws Exception {
        int port = BatonProcess.freePort();
        List<String> acknowledged = new ArrayList<>();
        try (BatonProcess first = BatonProcess.dev(dataDir, port, "--demo-agents", "0")) {
            String token = Files.readString(dataDir.resolve("admin.token")).strip();
            for (int i = 0; i < TASKS; i++) {
                HttpResponse<String> reply = post(first.url() + "/v1/tasks", token,
                        "{\"capability\":\"echo\",\"input\":{\"i\":" + i + "}}");
                assertThat(reply.statusCode()).isEqualTo(201);
                acknowledged.add(JSON.readTree(reply.body()).get("id").asText());
            }
            first.kill9();
        }
        try (BatonProcess second = BatonProcess.dev(dataDir, port, "--demo-agents", "2")) {
            String token = Files.readString(dataDir.resolve("admin.token")).strip();
            for (String id : acknowledged) {
                JsonNode task = JSON.readTree(get(second.url() + "/v1/tasks/" + id + "?waitMs=30000", token).body());
                assertThat(task.get("state").asText()).as(id).isEqualTo("succeeded");
                long successes = 0;
                for (JsonNode attempt : task.get("attempts")) {
                    successes += "succeeded".equals(attempt.path("outcome").asText()) ? 1 : 0;
                }
                assertThat(successes).as("successful attempts of " + id).isEqualTo(1);
            }
        }
    }

    HttpResponse<String> post(String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
