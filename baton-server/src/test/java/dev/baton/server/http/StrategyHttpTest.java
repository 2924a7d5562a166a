package dev.baton.server.http;

import static dev.baton.server.http.HttpApiTest.assertProblem;
import static dev.baton.server.http.ApiTestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consensus through the real API on one node: fan-out, voting, the recorded attempts, and validation. */
class StrategyHttpTest {
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

    @Test
    void consensus5of3_twoWrongAgents_succeedsWithTheMajorityAnswerAndShowsEveryAttempt() throws Exception {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(node.register("voter-" + i, "vote", "{}"));
        }
        var submitted = node.admin("POST", "/v1/tasks", "{\"capability\":\"vote\",\"input\":{\"q\":\"6*7\"},"
                + "\"strategy\":{\"kind\":\"consensus\",\"agents\":5,\"quorum\":3,\"compare\":\"json\"}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String taskId = json(submitted).get("id").asText();
        assertThat(json(submitted).get("strategy").get("timeoutSeconds").asInt()).isEqualTo(300);

        for (int i = 0; i < 5; i++) {
            JsonNode leased = json(node.admin("POST", "/v1/agents/" + agents.get(i) + "/poll", "{\"max\":5,\"waitMs\":2000}"))
                    .get("tasks");
            assertThat(leased).as("one source per agent").hasSize(1);
            String output = i < 2 ? "{\"answer\":" + (40 + i) + "}" : i == 2 ? "{\"answer\":42}" : "{\"answer\":42.0}";
            node.admin("POST", "/v1/agents/" + agents.get(i) + "/results", "{\"results\":[{\"taskId\":\""
                    + leased.get(0).get("id").asText() + "\",\"attempt\":" + leased.get(0).get("attempt").asInt()
                    + ",\"status\":\"succeeded\",\"output\":" + output + "}]}");
        }

        JsonNode task = json(node.admin("GET", "/v1/tasks/" + taskId + "?waitMs=2000", null));
        assertThat(task.get("state").asText()).isEqualTo("succeeded");
        assertThat(task.get("result").get("answer").asInt()).isEqualTo(42);
        assertThat(task.get("attempts")).hasSize(5);
        assertThat(task.get("attempts").findValuesAsText("sourceId")).allMatch(id -> id.startsWith(taskId + "."));
        assertThat(task.get("attempts").get(0).get("result").get("answer").asInt()).isEqualTo(40);
        JsonNode source = json(node.admin("GET", "/v1/tasks/" + taskId + ".1", null));
        assertThat(source.get("parentId").asText()).isEqualTo(taskId);
    }

    @Test
    void badStrategy_getsProblemNamingTheField() throws Exception {
        assertProblem(node.admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"vote\"}}"), 400,
                "validation", "strategy.kind");
        assertProblem(node.admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"consensus\","
                + "\"agents\":16}}"), 400, "validation", "strategy.agents");
        assertProblem(node.admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"consensus\","
                + "\"agents\":3,\"quorum\":4}}"), 400, "validation", "strategy.quorum");
        assertProblem(node.admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"consensus\","
                + "\"compare\":\"fuzzy\"}}"), 400, "validation", "strategy.compare");
        assertProblem(node.admin("POST", "/v1/tasks", "{\"capability\":\"v\",\"strategy\":{\"kind\":\"race\","
                + "\"quorum\":1}}"), 400, "validation", "strategy.quorum");
    }
}
