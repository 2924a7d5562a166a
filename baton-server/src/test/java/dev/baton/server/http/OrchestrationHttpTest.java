package dev.baton.server.http;

import static dev.baton.server.http.ApiTestNode.json;
import static dev.baton.server.http.HttpApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orchestration through the real API on one node: label constraints and per-task policies, consensus with its
 * recorded attempts, feedback, the breaker in the agent view, and the validation of each.
 */
class OrchestrationHttpTest {
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

    @Test
    void consensus5of3_twoWrongAgents_succeedsWithTheMajorityAnswerAndShowsEveryAttempt() throws Exception {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(register("voter-" + i, "vote", "{}"));
        }
        var submitted = admin("POST", "/v1/tasks", "{\"capability\":\"vote\",\"input\":{\"q\":\"6*7\"},"
                + "\"strategy\":{\"kind\":\"consensus\",\"agents\":5,\"quorum\":3,\"compare\":\"json\"}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String taskId = json(submitted).get("id").asText();
        assertThat(json(submitted).get("strategy").get("timeoutSeconds").asInt()).isEqualTo(300);

        for (int i = 0; i < 5; i++) {
            JsonNode leased = json(admin("POST", "/v1/agents/" + agents.get(i) + "/poll", "{\"max\":5,\"waitMs\":2000}"))
                    .get("tasks");
            assertThat(leased).as("one source per agent").hasSize(1);
            String output = i < 2 ? "{\"answer\":" + (40 + i) + "}" : i == 2 ? "{\"answer\":42}" : "{\"answer\":42.0}";
            admin("POST", "/v1/agents/" + agents.get(i) + "/results", "{\"results\":[{\"taskId\":\""
                    + leased.get(0).get("id").asText() + "\",\"attempt\":" + leased.get(0).get("attempt").asInt()
                    + ",\"status\":\"succeeded\",\"output\":" + output + "}]}");
        }

        JsonNode task = json(admin("GET", "/v1/tasks/" + taskId + "?waitMs=2000", null));
        assertThat(task.get("state").asText()).isEqualTo("succeeded");
        assertThat(task.get("result").get("answer").asInt()).isEqualTo(42);
        assertThat(task.get("attempts")).hasSize(5);
        assertThat(task.get("attempts").findValuesAsText("sourceId")).allMatch(id -> id.startsWith(taskId + "."));
        assertThat(task.get("attempts").get(0).get("result").get("answer").asInt()).isEqualTo(40);
        JsonNode source = json(admin("GET", "/v1/tasks/" + taskId + ".1", null));
        assertThat(source.get("parentId").asText()).isEqualTo(taskId);
    }

    @Test
    void badStrategy_getsProblemNamingTheField() throws Exception {
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"vote\"}}"), 400,
                "validation", "strategy.kind");
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"consensus\","
                + "\"agents\":16}}"), 400, "validation", "strategy.agents");
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"consensus\","
                + "\"agents\":3,\"quorum\":4}}"), 400, "validation", "strategy.quorum");
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"consensus\","
                + "\"compare\":\"fuzzy\"}}"), 400, "validation", "strategy.compare");
        assertProblem(admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"race\","
                + "\"quorum\":1}}"), 400, "validation", "strategy.quorum");
    }

    /** Submits a task, has {@code agent} take and finish it, and returns the task id. */
    private static String runOne(String agent, String status) throws Exception {
        String id = json(admin("POST", "/v1/tasks", "{\"capability\":\"fb\",\"maxAttempts\":1,"
                + "\"routing\":{\"policy\":\"thompson\"}}")).get("id").asText();
        JsonNode leased = json(admin("POST", "/v1/agents/" + agent + "/poll", "{\"max\":1,\"waitMs\":2000}"))
                .get("tasks").get(0);
        admin("POST", "/v1/agents/" + agent + "/results", "{\"results\":[{\"taskId\":\"" + id
                + "\",\"attempt\":" + leased.get("attempt").asInt() + ",\"status\":\"" + status + "\""
                + (status.equals("failed") ? ",\"error\":{\"code\":\"BOOM\",\"message\":\"no\",\"retryable\":false}"
                : ",\"output\":{\"ok\":1}") + "}]}");
        return id;
    }

    @Test
    void feedback_oncePerTask_andValidated() throws Exception {
        String agent = register("fb-agent", "fb", "{}");
        String ok = runOne(agent, "succeeded");

        var given = admin("POST", "/v1/tasks/" + ok + "/feedback", "{\"score\":0.8}");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(200);
        assertThat(json(given).get("agentsCredited").asInt()).isEqualTo(1);
        assertThat(admin("POST", "/v1/tasks/" + ok + "/feedback", "{\"score\":0.8}").statusCode())
                .as("the same score again after a lost reply").isEqualTo(200);
        assertProblem(admin("POST", "/v1/tasks/" + ok + "/feedback", "{\"score\":0.1}"), 409, "conflict", null);
        assertProblem(admin("POST", "/v1/tasks/" + ok + "/feedback", "{\"score\":1.5}"), 400, "validation",
                "score");
        assertProblem(admin("POST", "/v1/tasks/" + ok + "/feedback", "{}"), 400, "validation", "score");
        assertProblem(admin("POST", "/v1/tasks/t_none/feedback", "{\"score\":1}"), 404, "not-found", null);
        String failed = runOne(agent, "failed");
        assertProblem(admin("POST", "/v1/tasks/" + failed + "/feedback", "{\"score\":1}"), 409, "conflict", null);
    }

    @Test
    void agentView_showsTheBreakerOpeningAfterFiveFailures() throws Exception {
        String agent = register("breaks", "fb", "{}");
        assertThat(json(admin("GET", "/v1/agents/" + agent, null)).get("breaker").get("state").asText())
                .isEqualTo("closed");
        for (int i = 0; i < 5; i++) {
            runOne(agent, "failed");
        }
        JsonNode breaker = json(admin("GET", "/v1/agents/" + agent, null)).get("breaker");
        assertThat(breaker.get("state").asText()).isEqualTo("open");
        assertThat(breaker.get("consecutiveFailures").asInt()).isEqualTo(5);
        assertThat(breaker.get("opens").asInt()).isEqualTo(1);
        assertThat(breaker.get("openedAt").asText()).isNotBlank();
        String metrics = admin("GET", "/metrics", null).body();
        assertThat(metrics).contains("baton_agent_breaker_open{agent=\"" + agent + "\"} 1.0");
    }
}
