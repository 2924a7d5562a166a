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
 * Workflows through the real jar on {@code baton dev}: the 5-step diamond of {@code docs/examples/diamond.json}
 * completes with data passed along every edge ({@code baton workflows submit --wait}); a cancelled workflow
 * cancels its running step's task and attempt and skips the rest; a bad workflow is refused naming the cycle.
 */
class WorkflowIT {
    static final Path EXAMPLES = Path.of("..", "docs", "examples");
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void diamondCompletes_cancelStopsRunningSteps_badWorkflowIsRefused() throws Exception {
        try (BatonProcess dev = BatonProcess.dev(dataDir, BatonProcess.freePort(), "--demo-agents", "2")) {
            String token = Files.readString(dataDir.resolve("admin.token")).strip();

            BatonProcess.Result diamond = BatonProcess.cli("workflows", "submit", "--file",
                    EXAMPLES.resolve("diamond.json").toString(), "--wait", "--timeout", "60s", "-o", "json",
                    "--url", dev.url(), "--token", token);
            assertThat(diamond.exitCode()).as(diamond.output()).isZero();
            JsonNode done = JSON.readTree(diamond.output());
            assertThat(done.get("state").asText()).isEqualTo("succeeded");
            assertThat(done.get("steps")).hasSize(5).allMatch(s -> s.get("state").asText().equals("succeeded"));
            assertThat(done.get("steps").get(4).get("output").toString())
                    .isEqualTo("{\"report\":[1,2],\"name\":\"nightly\"}");
            for (JsonNode step : done.get("steps")) {
                JsonNode task = JSON.readTree(get(dev.url() + "/v1/tasks/" + step.get("taskId").asText(), token));
                assertThat(task.get("result")).isEqualTo(step.get("output"));
            }

            BatonProcess.Result started = BatonProcess.cli("workflows", "submit", "--file",
                    EXAMPLES.resolve("cancel-me.json").toString(), "-o", "json", "--url", dev.url(), "--token", token);
            assertThat(started.exitCode()).as(started.output()).isZero();
            String id = JSON.readTree(started.output()).get("id").asText();
            String napTask = JSON.readTree(started.output()).get("steps").get(0).get("taskId").asText();
            awaitTaskState(dev.url(), token, napTask, "running");
            BatonProcess.Result cancelled = BatonProcess.cli("workflows", "cancel", id, "--url", dev.url(),
                    "--token", token);
            assertThat(cancelled.exitCode()).as(cancelled.output()).isZero();
            JsonNode nap = JSON.readTree(get(dev.url() + "/v1/tasks/" + napTask, token));
            assertThat(nap.get("state").asText()).isEqualTo("cancelled");
            assertThat(nap.get("attempts").get(0).get("outcome").asText()).isEqualTo("cancelled");
            JsonNode workflow = JSON.readTree(get(dev.url() + "/v1/workflows/" + id, token));
            assertThat(workflow.get("state").asText()).isEqualTo("cancelled");
            assertThat(workflow.get("steps").get(1).get("state").asText()).isEqualTo("skipped");

            Path bad = dataDir.resolve("bad.json");
            Files.writeString(bad, "{\"steps\":[{\"id\":\"a\",\"dependsOn\":[\"b\"],\"task\":{\"capability\":\"echo\"}},"
                    + "{\"id\":\"b\",\"dependsOn\":[\"a\"],\"task\":{\"capability\":\"echo\"}}]}");
            BatonProcess.Result refused = BatonProcess.cli("workflows", "submit", "--file", bad.toString(),
                    "--url", dev.url(), "--token", token);
            assertThat(refused.exitCode()).isEqualTo(5);
            assertThat(refused.output()).contains("cycle");
        }
    }

    private void awaitTaskState(String url, String token, String taskId, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = get(url + "/v1/tasks/" + taskId, token);
            if (state.equals(JSON.readTree(last).path("state").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("task " + taskId + " never reached " + state + ": " + last);
    }

    String get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
