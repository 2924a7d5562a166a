package dev.baton.server.http;

import static dev.baton.server.http.HttpApiTest.assertProblem;
import static dev.baton.server.http.HttpApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/workflows} over HTTP against a real single node: validation, read, list, cancel, events. */
class WorkflowHttpTest {
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

    private static String flow(String steps) {
        return "{\"name\":\"t\",\"input\":{\"url\":\"u\"},\"steps\":[" + steps + "]}";
    }

    @Test
    void badWorkflows_getProblemsNamingTheStepAndField() throws Exception {
        assertProblem(admin("POST", "/v1/workflows", "{\"steps\":[]}"), 400, "validation", "steps");
        assertProblem(admin("POST", "/v1/workflows", flow(
                "{\"id\":\"a\",\"dependsOn\":[\"b\"],\"task\":{\"capability\":\"x\"}},"
                        + "{\"id\":\"b\",\"dependsOn\":[\"a\"],\"task\":{\"capability\":\"x\"}}")),
                400, "validation", "steps[0].dependsOn");
        assertProblem(admin("POST", "/v1/workflows", flow("{\"id\":\"a\",\"dependsOn\":[\"zz\"],"
                + "\"task\":{\"capability\":\"x\"}}")), 400, "validation", "steps[0].dependsOn[0]");
        assertProblem(admin("POST", "/v1/workflows", flow("{\"id\":\"a\",\"task\":{\"capability\":\"x\","
                + "\"input\":{\"q\":{\"$ref\":\"steps.nope.output\"}}}}")), 400, "validation", "steps[0].task.input/q");
        assertProblem(admin("POST", "/v1/workflows", flow("{\"id\":\"a\",\"task\":{\"capability\":\"x\","
                + "\"input\":{\"$ref\":\"workflow.input/missing\"}}}")), 400, "validation", "steps[0].task.input");
        assertProblem(admin("POST", "/v1/workflows", flow("{\"id\":\"a\",\"task\":{\"priority\":2}}")), 400,
                "validation", "steps[0].task.capability");
        assertProblem(admin("POST", "/v1/workflows", flow("{\"id\":\"a b\",\"task\":{\"capability\":\"x\"}}")), 400,
                "validation", "steps[0].id");
        assertProblem(admin("GET", "/v1/workflows/w_missing", null), 404, "not-found", null);
        assertProblem(admin("GET", "/v1/workflows?state=sleeping", null), 400, "validation", "state");
    }

    @Test
    void submitGetListCancel() throws Exception {
        var submitted = admin("POST", "/v1/workflows", "{\"name\":\"nightly\",\"input\":{\"url\":\"u\"},"
                + "\"idempotencyKey\":\"wf-1\",\"steps\":["
                + "{\"id\":\"fetch\",\"task\":{\"capability\":\"wf.nobody\",\"input\":{\"$ref\":\"workflow.input/url\"}}},"
                + "{\"id\":\"sum\",\"dependsOn\":[\"fetch\"],\"task\":{\"capability\":\"wf.nobody\","
                + "\"input\":{\"$ref\":\"steps.fetch.output\"}}}]}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        JsonNode w = json(submitted);
        String id = w.get("id").asText();
        assertThat(id).startsWith("w_");
        assertThat(w.get("state").asText()).isEqualTo("running");
        assertThat(w.get("steps").get(0).get("state").asText()).isEqualTo("started");
        assertThat(w.get("steps").get(0).get("taskState").asText()).isEqualTo("queued");
        assertThat(w.get("steps").get(1).get("state").asText()).isEqualTo("pending");
        String fetchTask = w.get("steps").get(0).get("taskId").asText();
        assertThat(json(admin("GET", "/v1/tasks/" + fetchTask, null)).get("input").asText()).isEqualTo("u");
        assertThat(admin("POST", "/v1/workflows", "{\"idempotencyKey\":\"wf-1\",\"steps\":[{\"id\":\"x\","
                + "\"task\":{\"capability\":\"wf.nobody\"}}]}").statusCode()).as("same key").isEqualTo(200);

        assertThat(json(admin("GET", "/v1/workflows?state=running&name=nightly", null)).get("workflows")
                .findValuesAsText("id")).contains(id);

        var cancelled = admin("POST", "/v1/workflows/" + id + "/cancel", null);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(json(cancelled).get("state").asText()).isEqualTo("cancelled");
        assertThat(json(cancelled).get("steps").get(0).get("state").asText()).isEqualTo("cancelled");
        assertThat(json(cancelled).get("steps").get(1).get("state").asText()).isEqualTo("skipped");
        assertThat(json(admin("GET", "/v1/tasks/" + fetchTask, null)).get("state").asText()).isEqualTo("cancelled");
        assertThat(admin("POST", "/v1/workflows/" + id + "/cancel", null).statusCode()).isEqualTo(200);
        assertThat(json(admin("GET", "/v1/workflows?state=cancelled", null)).get("workflows")
                .findValuesAsText("id")).contains(id);
    }
}
