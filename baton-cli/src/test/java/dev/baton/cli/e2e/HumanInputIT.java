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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Human in the loop through the real jar: the demo {@code approve} agent parks its task in {@code awaiting_input},
 * the node is killed with {@code kill -9} and started again, the answer is given with {@code baton tasks input}
 * (a wrong one first), and the task finishes with it.
 */
class HumanInputIT {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void awaitingInput_survivesKill9_thenTheAnswerFinishesTheTask() throws Exception {
        int port = BatonProcess.freePort();
        String taskId;
        try (BatonProcess first = BatonProcess.dev(dataDir, port, "--demo-agents", "1")) {
            String token = token();
            HttpResponse<String> submitted = post(first.url() + "/v1/tasks", token,
                    "{\"capability\":\"approve\",\"input\":{\"question\":\"Ship release 1.2?\"}}");
            assertThat(submitted.statusCode()).isEqualTo(201);
            taskId = JSON.readTree(submitted.body()).get("id").asText();
            JsonNode waiting = awaitState(first.url(), token, taskId, "awaiting_input");
            assertThat(waiting.get("inputs").get(0).get("prompt").asText()).isEqualTo("Ship release 1.2?");
            first.kill9();
        }
        try (BatonProcess second = BatonProcess.dev(dataDir, port, "--demo-agents", "1")) {
            String token = token();
            JsonNode restarted = JSON.readTree(get(second.url() + "/v1/tasks/" + taskId, token).body());
            assertThat(restarted.get("state").asText()).isEqualTo("awaiting_input");

            BatonProcess.Result wrong = BatonProcess.cli("tasks", "input", taskId, "--answer", "{\"approved\":\"yes\"}",
                    "--url", second.url(), "--token", token);
            assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
            assertThat(wrong.output()).contains("answer/approved");

            BatonProcess.Result answered = BatonProcess.cli("tasks", "input", taskId, "--answer",
                    "{\"approved\":true,\"comment\":\"go\"}", "--url", second.url(), "--token", token);
            assertThat(answered.exitCode()).as(answered.output()).isZero();

            JsonNode done = JSON.readTree(get(second.url() + "/v1/tasks/" + taskId + "?waitMs=30000", token).body());
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
            assertThat(done.get("result").get("approved").asBoolean()).isTrue();
            assertThat(done.get("result").get("comment").asText()).isEqualTo("go");
            assertThat(done.get("attempts")).hasSize(2);
            assertThat(done.get("attempts").get(0).get("outcome").asText()).isEqualTo("awaiting_input");
        }
    }

    private String token() throws Exception {
        return Files.readString(dataDir.resolve("admin.token")).strip();
    }

    private JsonNode awaitState(String url, String token, String taskId, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode task;
        do {
            task = JSON.readTree(get(url + "/v1/tasks/" + taskId, token).body());
            if (state.equals(task.path("state").asText())) {
                return task;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("task " + taskId + " never reached " + state + ": " + task);
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
