package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP tests on a random port against a real single node (Ratis, control loop, HTTP). */
class HttpApiTest {
    @TempDir
    static Path dataDir;
    static BatonNode node;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startNode() throws Exception {
        node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true).toBuilder().maxRequestBytes(64 * 1024).build());
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    static HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return call(method, path, body, node.adminToken());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void submitPollComplete_roundTrip() throws Exception {
        var agent = json(admin("POST", "/v1/agents", "{\"name\":\"a1\",\"capabilities\":[\"rt\"],\"maxConcurrency\":4}"));
        String agentId = agent.get("id").asText();
        var submitted = admin("POST", "/v1/tasks", "{\"capability\":\"rt\",\"input\":{\"text\":\"hi\"}}");
        assertThat(submitted.statusCode()).isEqualTo(201);
        String taskId = json(submitted).get("id").asText();

        var polled = json(admin("POST", "/v1/agents/" + agentId + "/poll", "{\"max\":4,\"waitMs\":2000}"));
        assertThat(polled.get("tasks")).hasSize(1);
        int attempt = polled.get("tasks").get(0).get("attempt").asInt();
        assertThat(polled.get("tasks").get(0).get("input").get("text").asText()).isEqualTo("hi");

        var results = json(admin("POST", "/v1/agents/" + agentId + "/results",
                "{\"results\":[{\"taskId\":\"" + taskId + "\",\"attempt\":" + attempt
                        + ",\"status\":\"succeeded\",\"output\":{\"ok\":true}}]}"));
        assertThat(results.get("accepted").get(0).asText()).isEqualTo(taskId);

        var stale = json(admin("POST", "/v1/agents/" + agentId + "/results",
                "{\"results\":[{\"taskId\":\"" + taskId + "\",\"attempt\":" + (attempt + 5)
                        + ",\"status\":\"succeeded\",\"output\":{}}]}"));
        assertThat(stale.get("rejected").get(0).get("reason").asText()).isEqualTo("stale_attempt");

        var task = json(admin("GET", "/v1/tasks/" + taskId + "?waitMs=2000", null));
        assertThat(task.get("state").asText()).isEqualTo("succeeded");
        assertThat(task.get("result").get("ok").asBoolean()).isTrue();
        assertThat(task.get("staleResults").asInt()).isEqualTo(1);
    }

    @Test
    void submit_repeatedIdempotencyKey_returnsSameTaskWith200() throws Exception {
        String body = "{\"capability\":\"idem\",\"idempotencyKey\":\"k1\"}";
        var first = admin("POST", "/v1/tasks", body);
        var second = admin("POST", "/v1/tasks", body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("id")).isEqualTo(json(first).get("id"));
    }

    @Test
    void submit_capabilityNoAgentOffers_staysQueuedAndVisible() throws Exception {
        String id = json(admin("POST", "/v1/tasks", "{\"capability\":\"nobody.offers\"}")).get("id").asText();
        var list = json(admin("GET", "/v1/tasks?state=queued&capability=nobody.offers", null));
        assertThat(list.get("tasks").findValuesAsText("id")).contains(id);
    }

    @Test
    void badInput_getsProblemDocuments() throws Exception {
        assertProblem(admin("POST", "/v1/tasks", "{not json"), 400, "malformed-json", null);
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":5,\"priority\":\"high\"}"), 400, "validation",
                "priority");
        assertProblem(admin("POST", "/v1/tasks", "{\"input\":{}}"), 400, "validation", "capability");
        assertProblem(admin("POST", "/v1/tasks", "{\"capabilty\":\"echo\"}"), 400, "validation", "capabilty");
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":\"echo\",\"priority\":9}"), 400, "validation",
                "priority");
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":\"echo\",\"input\":\"" + "x".repeat(70_000)
                + "\"}"), 413, "payload-too-large", null);
        assertProblem(admin("GET", "/v1/tasks/t_nope", null), 404, "not-found", null);
        assertProblem(admin("GET", "/v1/nothing-here", null), 404, "not-found", null);
        assertProblem(call("GET", "/v1/tasks", null, "bt_wrong"), 401, "unauthorized", null);
        assertProblem(call("GET", "/v1/tasks", null, null), 401, "unauthorized", null);
        assertProblem(call("POST", "/v1/tasks", "{\"capability\":\"echo\"}", node.agentToken()), 403, "forbidden",
                null);
        assertProblem(admin("POST", "/v1/keys", "{\"name\":\"k\",\"role\":\"boss\"}"), 400, "validation", "role");
        assertThat(admin("POST", "/v1/tasks", "{\"capability\":\"partial\",\"timeouts\":{\"startToCloseMs\":1000},"
                + "\"retry\":{\"maxAttempts\":2}}").statusCode()).isEqualTo(201);
        assertThat(call("GET", "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/readyz", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void metrics_exposeTaskAndHttpSeries() throws Exception {
        admin("POST", "/v1/tasks", "{\"capability\":\"metered\"}");
        String body = call("GET", "/metrics", null, null).body();
        assertThat(body).contains("baton_tasks{state=\"queued\"}", "baton_queue_depth{capability=\"metered\"}",
                "baton_http_requests_seconds_count", "baton_raft_commit_latency_seconds");
    }

    static void assertProblem(HttpResponse<String> response, int status, String type, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://baton.dev/problems/" + type);
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(problem.get("field").asText()).isEqualTo(field);
        }
    }
}
