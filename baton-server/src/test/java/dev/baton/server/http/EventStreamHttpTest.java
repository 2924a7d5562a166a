package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/events}, {@code /v1/stats} and the dashboard files on a real single node. */
class EventStreamHttpTest {
    @TempDir
    static Path dataDir;
    static BatonNode node;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startNode() throws Exception {
        node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void events_streamTaskLifecycle_andResumeAfterLastEventId() throws Exception {
        String taskId = submit("{\"capability\":\"sse-test\"}");
        String cancelled = JSON.readTree(send("POST", "/v1/tasks/" + taskId + "/cancel", "{}", null).body())
                .get("state").asText();
        assertThat(cancelled).isEqualTo("cancelled");

        List<JsonNode> events = read("/v1/events?after=oldest&taskId=" + taskId, null, 2);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("task.created", "task.changed");
        assertThat(events.get(1).get("from").asText()).isEqualTo("queued");
        assertThat(events.get(1).get("to").asText()).isEqualTo("cancelled");
        assertThat(events.get(0).get("capability").asText()).isEqualTo("sse-test");

        String firstId = events.get(0).get("id").asText();
        List<JsonNode> resumed = read("/v1/events?taskId=" + taskId, firstId, 1);
        assertThat(resumed.getFirst().get("id").asText()).isEqualTo(events.get(1).get("id").asText());
    }

    @Test
    void events_liveSubscriberSeesNewTasks_filteredByType() throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                seen.addAll(read("/v1/events?types=task&capability=sse-live", null, 1));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(300); // let the stream open before the submission
        String taskId = submit("{\"capability\":\"sse-live\"}");
        reader.join(Duration.ofSeconds(20));
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst().get("taskId").asText()).isEqualTo(taskId);
        assertThat(seen.getFirst().get("type").asText()).isEqualTo("task.created");
    }

    @Test
    void events_badCursorOrUnknownParameter_is400_andNoKeyIs401() throws Exception {
        assertThat(send("GET", "/v1/events?after=yesterday", null, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/v1/events?colour=red", null, null).statusCode()).isEqualTo(400);
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/events"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void stats_countTasksByStateAndQueues() throws Exception {
        submit("{\"capability\":\"stats-test\"}");
        JsonNode stats = JSON.readTree(send("GET", "/v1/stats", null, null).body());
        assertThat(stats.get("tasks").get("queued").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.get("queues").get("stats-test").asInt()).isEqualTo(1);
        assertThat(stats.get("agents").has("ready")).isTrue();
    }

    @Test
    void dashboard_isServedWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> root = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).contains("/ui/");
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/ui/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"app.js\"").doesNotContain("<script>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
        HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "/ui/app.js"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("/v1/events").doesNotContain("innerHTML");
    }

    private static String submit(String body) throws Exception {
        HttpResponse<String> reply = send("POST", "/v1/tasks", body, null);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body()).get("id").asText();
    }

    private static HttpResponse<String> send(String method, String path, String body, String lastEventId)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + node.adminToken());
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads {@code count} data events (not {@code stream.*}) from an event stream, then closes it. */
    private static List<JsonNode> read(String path, String lastEventId, int count) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Authorization", "Bearer " + node.adminToken()).timeout(Duration.ofSeconds(20));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = new ArrayList<>();
        try (InputStream in = reply.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (events.size() < count && (line = lines.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    JsonNode event = JSON.readTree(line.substring(6));
                    if (!event.get("type").asText().startsWith("stream.")) {
                        events.add(event);
                    }
                }
            }
        }
        return events;
    }
}
