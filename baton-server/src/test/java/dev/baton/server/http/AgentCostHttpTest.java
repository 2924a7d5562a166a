package dev.baton.server.http;

import static dev.baton.server.http.HttpApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents' declared cost and tier, results' actual cost, and the costs a task view shows. */
class AgentCostHttpTest {
    @TempDir
    static Path dataDir;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dataDir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void register_costAndTier_shownInAgentView() throws Exception {
        String id = node.adminJson("POST", "/v1/agents", "{\"name\":\"p\",\"capabilities\":[\"c.view\"],"
                + "\"costPerTask\":2.5,\"tier\":\"premium\"}", 201).get("id").asText();
        JsonNode view = node.adminJson("GET", "/v1/agents/" + id, null, 200);
        assertThat(view.get("costPerTask").asDouble()).isEqualTo(2.5);
        assertThat(view.get("tier").asText()).isEqualTo("premium");

        String plain = node.adminJson("POST", "/v1/agents", "{\"name\":\"s\",\"capabilities\":[\"c.view\"]}", 201)
                .get("id").asText();
        JsonNode standard = node.adminJson("GET", "/v1/agents/" + plain, null, 200);
        assertThat(standard.get("costPerTask").asDouble()).isZero();
        assertThat(standard.get("tier").asText()).isEqualTo("standard");
    }

    @Test
    void register_badCostOrTier_problemNamesTheField() throws Exception {
        assertProblem(node.admin("POST", "/v1/agents", "{\"name\":\"x\",\"capabilities\":[\"c\"],\"costPerTask\":-1}"),
                400, "validation", "costPerTask");
        assertProblem(node.admin("POST", "/v1/agents", "{\"name\":\"x\",\"capabilities\":[\"c\"],"
                + "\"costPerTask\":\"cheap\"}"), 400, "validation", "costPerTask");
        assertProblem(node.admin("POST", "/v1/agents", "{\"name\":\"x\",\"capabilities\":[\"c\"],\"tier\":\"gold\"}"),
                400, "validation", "tier");
    }

    @Test
    void results_reportedCostWinsOverDeclared_taskTotalsAttempts() throws Exception {
        String agent = node.adminJson("POST", "/v1/agents", "{\"name\":\"paid\",\"capabilities\":[\"c.paid\"],"
                + "\"costPerTask\":3}", 201).get("id").asText();
        String task = node.adminJson("POST", "/v1/tasks", "{\"capability\":\"c.paid\",\"retry\":{\"maxAttempts\":2,"
                + "\"initialBackoffMs\":1}}", 201).get("id").asText();

        report(agent, task, "\"status\":\"failed\",\"error\":{\"code\":\"BUSY\",\"retryable\":true}");
        report(agent, task, "\"status\":\"succeeded\",\"output\":1,\"cost\":0.75");

        JsonNode view = node.adminJson("GET", "/v1/tasks/" + task, null, 200);
        assertThat(view.get("state").asText()).isEqualTo("succeeded");
        assertThat(view.get("attempts").get(0).get("cost").asDouble()).isEqualTo(3.0);
        assertThat(view.get("attempts").get(1).get("cost").asDouble()).isEqualTo(0.75);
        assertThat(view.get("cost").asDouble()).isEqualTo(3.75);
    }

    @Test
    void results_badCost_problemNamesTheField() throws Exception {
        String agent = node.adminJson("POST", "/v1/agents", "{\"name\":\"bad\",\"capabilities\":[\"c.bad\"]}", 201)
                .get("id").asText();
        assertProblem(node.admin("POST", "/v1/agents/" + agent + "/results", "{\"results\":[{\"taskId\":\"t_x\","
                + "\"attempt\":1,\"status\":\"succeeded\",\"cost\":-2}]}"), 400, "validation", "results[0].cost");
    }

    private void report(String agent, String task, String fields) throws Exception {
        JsonNode polled = node.adminJson("POST", "/v1/agents/" + agent + "/poll", "{\"waitMs\":5000}", 200);
        assertThat(polled.get("tasks")).hasSize(1);
        int attempt = polled.get("tasks").get(0).get("attempt").asInt();
        JsonNode results = node.adminJson("POST", "/v1/agents/" + agent + "/results", "{\"results\":[{\"taskId\":\""
                + task + "\",\"attempt\":" + attempt + "," + fields + "}]}", 200);
        assertThat(results.get("accepted")).hasSize(1);
    }
}
