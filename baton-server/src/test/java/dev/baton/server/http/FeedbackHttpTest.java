package dev.baton.server.http;

import static dev.baton.server.http.ApiTestNode.json;
import static dev.baton.server.http.HttpApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feedback and the thompson policy through the API; the breaker in the agent view. */
class FeedbackHttpTest {
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

    /** Submits a task, has {@code agent} take and finish it, and returns the task id. */
    private static String runOne(String agent, String status) throws Exception {
        String id = json(node.admin("POST", "/v1/tasks", "{\"capability\":\"fb\",\"maxAttempts\":1,"
                + "\"routing\":{\"policy\":\"thompson\"}}")).get("id").asText();
        JsonNode leased = json(node.admin("POST", "/v1/agents/" + agent + "/poll", "{\"max\":1,\"waitMs\":2000}"))
                .get("tasks").get(0);
        node.admin("POST", "/v1/agents/" + agent + "/results", "{\"results\":[{\"taskId\":\"" + id
                + "\",\"attempt\":" + leased.get("attempt").asInt() + ",\"status\":\"" + status + "\""
                + (status.equals("failed") ? ",\"error\":{\"code\":\"BOOM\",\"message\":\"no\",\"retryable\":false}"
                : ",\"output\":{\"ok\":1}") + "}]}");
        return id;
    }

    @Test
    void feedback_oncePerTask_andValidated() throws Exception {
        String agent = node.register("fb-agent", "fb", "{}");
        String ok = runOne(agent, "succeeded");

        var given = node.admin("POST", "/v1/tasks/" + ok + "/feedback", "{\"score\":0.8}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(200);
        assertThat(json(given).get("agentsCredited").asInt()).isEqualTo(1);
        assertThat(node.admin("POST", "/v1/tasks/" + ok + "/feedback", "{\"score\":0.8}").statusCode())
                .as("the same score again after a lost reply").isEqualTo(200);
        assertProblem(node.admin("POST", "/v1/tasks/" + ok + "/feedback", "{\"score\":0.1}"), 409, "conflict", null);
        assertProblem(node.admin("POST", "/v1/tasks/" + ok + "/feedback", "{\"score\":1.5}"), 400, "validation",
                "score");
        assertProblem(node.admin("POST", "/v1/tasks/" + ok + "/feedback", "{}"), 400, "validation", "score");
        assertProblem(node.admin("POST", "/v1/tasks/t_none/feedback", "{\"score\":1}"), 404, "not-found", null);
        String failed = runOne(agent, "failed");
        assertProblem(node.admin("POST", "/v1/tasks/" + failed + "/feedback", "{\"score\":1}"), 409, "conflict", null);
    }

    @Test
    void agentView_showsTheBreakerOpeningAfterFiveFailures() throws Exception {
        String agent = node.register("breaks", "fb", "{}");
        assertThat(json(node.admin("GET", "/v1/agents/" + agent, null)).get("breaker").get("state").asText())
                .isEqualTo("closed");
        for (int i = 0; i < 5; i++) {
            runOne(agent, "failed");
        }
        JsonNode breaker = json(node.admin("GET", "/v1/agents/" + agent, null)).get("breaker");
        assertThat(breaker.get("state").asText()).isEqualTo("open");
        assertThat(breaker.get("consecutiveFailures").asInt()).isEqualTo(5);
        assertThat(breaker.get("opens").asInt()).isEqualTo(1);
        assertThat(breaker.get("openedAt").asText()).isNotBlank();
        String metrics = node.admin("GET", "/metrics", null).body();
        assertThat(metrics).contains("baton_agent_breaker_open{agent=\"" + agent + "\"} 1.0");
    }
}
