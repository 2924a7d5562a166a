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

/** {@code /v1/tasks/{id}/await-input} and {@code /input} over HTTP against a real single node. */
class HumanInputHttpTest {
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"approved\"],"
            + "\"properties\":{\"approved\":{\"type\":\"boolean\"},\"note\":{\"type\":\"string\",\"maxLength\":20}}}";

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

    /** Registers an agent for {@code capability}, submits a task and leases it; returns {agentId, taskId, attempt}. */
    private static String[] leased(String capability) throws Exception {
        String agentId = json(admin("POST", "/v1/agents", "{\"name\":\"human-" + capability + "\",\"capabilities\":[\""
                + capability + "\"]}")).get("id").asText();
        String taskId = json(admin("POST", "/v1/tasks", "{\"capability\":\"" + capability + "\",\"input\":{\"n\":1}}"))
                .get("id").asText();
        JsonNode polled = json(admin("POST", "/v1/agents/" + agentId + "/poll", "{\"max\":1,\"waitMs\":5000}"));
        return new String[] {agentId, taskId, polled.get("tasks").get(0).get("attempt").asText()};
    }

    @Test
    void askAnswerResume_nextAttemptCarriesTheAnswer() throws Exception {
        String[] l = leased("approve");
        var asked = admin("POST", "/v1/tasks/" + l[1] + "/await-input", "{\"attempt\":" + l[2]
                + ",\"prompt\":\"Refund 40 EUR?\",\"schema\":" + SCHEMA + "}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        assertThat(json(asked).get("state").asText()).isEqualTo("awaiting_input");
        assertThat(json(asked).get("inputs").get(0).get("prompt").asText()).isEqualTo("Refund 40 EUR?");
        assertThat(json(admin("GET", "/v1/tasks?state=awaiting_input", null)).get("tasks").findValuesAsText("id"))
                .contains(l[1]);

        assertProblem(admin("POST", "/v1/tasks/" + l[1] + "/input", "{\"answer\":{\"note\":\"yes\"}}"), 400,
                "validation", "answer");
        assertProblem(admin("POST", "/v1/tasks/" + l[1] + "/input", "{\"answer\":{\"approved\":\"yes\"}}"), 400,
                "validation", "answer/approved");
        var answered = admin("POST", "/v1/tasks/" + l[1] + "/input", "{\"answer\":{\"approved\":true}}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(json(answered).get("state").asText()).isEqualTo("queued");
        assertThat(admin("POST", "/v1/tasks/" + l[1] + "/input", "{\"answer\":{\"approved\":true}}").statusCode())
                .as("the same answer again is a harmless repeat").isEqualTo(200);
        assertProblem(admin("POST", "/v1/tasks/" + l[1] + "/input", "{\"answer\":{\"approved\":false}}"), 409,
                "conflict", null);

        JsonNode next = json(admin("POST", "/v1/agents/" + l[0] + "/poll", "{\"max\":1,\"waitMs\":5000}"))
                .get("tasks").get(0);
        assertThat(next.get("attempt").asInt()).isEqualTo(Integer.parseInt(l[2]) + 1);
        assertThat(next.get("inputs").get(0).get("answer").get("approved").asBoolean()).isTrue();
        admin("POST", "/v1/agents/" + l[0] + "/results", "{\"results\":[{\"taskId\":\"" + l[1] + "\",\"attempt\":"
                + next.get("attempt").asInt() + ",\"status\":\"succeeded\",\"output\":{\"refunded\":true}}]}");
        assertThat(json(admin("GET", "/v1/tasks/" + l[1] + "?waitMs=5000", null)).get("state").asText())
                .isEqualTo("succeeded");
    }

    @Test
    void awaitInput_badRequests_getProblemsNamingTheField() throws Exception {
        String[] l = leased("ask-bad");
        String path = "/v1/tasks/" + l[1] + "/await-input";
        assertProblem(admin("POST", path, "{\"attempt\":" + l[2] + ",\"schema\":{}}"), 400, "validation", "prompt");
        assertProblem(admin("POST", path, "{\"attempt\":" + l[2] + ",\"prompt\":\"q\",\"schema\":7}"), 400,
                "validation", "schema");
        assertProblem(admin("POST", path, "{\"attempt\":" + l[2] + ",\"prompt\":\"q\",\"schema\":"
                + "{\"type\":\"nonsense\"}}"), 400, "validation", "schema");
        assertProblem(admin("POST", path, "{\"attempt\":" + l[2] + ",\"prompt\":\"q\",\"schema\":"
                + "{\"$ref\":\"http://169.254.169.254/latest\"}}"), 400, "validation", "schema");
        assertProblem(admin("POST", path, "{\"attempt\":" + l[2] + ",\"prompt\":\"q\",\"schema\":{},"
                + "\"timeoutMs\":-1}"), 400, "validation", "timeoutMs");
        assertProblem(admin("POST", path, "{\"attempt\":99,\"prompt\":\"q\",\"schema\":{}}"), 409, "conflict", null);
        assertProblem(admin("POST", "/v1/tasks/t_missing/input", "{\"answer\":1}"), 404, "not-found", null);
        assertProblem(admin("POST", "/v1/tasks/" + l[1] + "/input", "{\"answer\":1}"), 409, "conflict", null);
    }
}
