package dev.baton.server.http;

import static dev.baton.server.http.HttpApiTest.assertProblem;
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

/** Routing through the real API: label constraints, per-task policies and their validation. */
class RoutingHttpTest {
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

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + node.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    static String register(String name, String capability, String labels) throws Exception {
        return json(admin("POST", "/v1/agents", "{\"name\":\"" + name + "\",\"capabilities\":[\"" + capability
                + "\"],\"maxConcurrency\":4,\"labels\":" + labels + "}")).get("id").asText();
    }

    @Test
    void constraints_taskGoesOnlyToAnAgentWithTheLabel() throws Exception {
        String us = register("us", "geo", "{\"region\":\"us\"}");
        String eu = register("eu", "geo", "{\"region\":\"eu\"}");
        var submitted = json(admin("POST", "/v1/tasks",
                "{\"capability\":\"geo\",\"constraints\":{\"region\":\"eu\"},\"routing\":{\"policy\":\"round_robin\"}}"));
        String taskId = submitted.get("id").asText();
        assertThat(submitted.get("constraints").get("region").asText()).isEqualTo("eu");
        assertThat(submitted.get("policy").asText()).isEqualTo("round_robin");

        var usPoll = json(admin("POST", "/v1/agents/" + us + "/poll", "{\"max\":4,\"waitMs\":0}"));
        var euPoll = json(admin("POST", "/v1/agents/" + eu + "/poll", "{\"max\":4,\"waitMs\":2000}"));

        assertThat(usPoll.get("tasks")).isEmpty();
        assertThat(euPoll.get("tasks").findValuesAsText("id")).containsExactly(taskId);
    }

    @Test
    void badRouting_getsProblemNamingTheField() throws Exception {
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":\"geo\",\"routing\":{\"policy\":\"fastest\"}}"),
                400, "validation", "routing.policy");
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":\"geo\",\"constraints\":{\"region\":null}}"),
                400, "validation", "constraints.region");
    }
}
