package dev.baton.server.http;

import static dev.baton.server.http.HttpApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

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
    static ApiTestNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = ApiTestNode.start(dataDir);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return node.admin(method, path, body);
    }

    static String register(String name, String capability, String labels) throws Exception {
        return node.register(name, capability, labels);
    }

    @Test
    void constraints_taskGoesOnlyToAnAgentWithTheLabel() throws Exception {
        String us = register("us", "geo", "{\"region\":\"us\"}");
        String eu = register("eu", "geo", "{\"region\":\"eu\"}");
        var submitted = ApiTestNode.json(admin("POST", "/v1/tasks",
                "{\"capability\":\"geo\",\"constraints\":{\"region\":\"eu\"},\"routing\":{\"policy\":\"round_robin\"}}"));
        String taskId = submitted.get("id").asText();
        assertThat(submitted.get("constraints").get("region").asText()).isEqualTo("eu");
        assertThat(submitted.get("policy").asText()).isEqualTo("round_robin");

        var usPoll = ApiTestNode.json(admin("POST", "/v1/agents/" + us + "/poll", "{\"max\":4,\"waitMs\":0}"));
        var euPoll = ApiTestNode.json(admin("POST", "/v1/agents/" + eu + "/poll", "{\"max\":4,\"waitMs\":2000}"));

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
