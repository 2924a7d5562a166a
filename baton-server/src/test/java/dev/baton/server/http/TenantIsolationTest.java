package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant scope and agent ownership through the HTTP API of a real node. */
class TenantIsolationTest {
    @TempDir
    static Path dataDir;
    static BatonNode node;
    static TestHttp http;
    static String acme;
    static String globex;

    @BeforeAll
    static void startNode() throws Exception {
        node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true));
        http = new TestHttp(node.url());
        acme = http.createKey(node.adminToken(), "acme-ci", "submitter", "acme");
        globex = http.createKey(node.adminToken(), "globex-ci", "submitter", "globex");
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void submit_defaultsToTheKeysTenant_andRefusesAnother() throws Exception {
        JsonNode task = http.expect(201, "POST", "/v1/tasks", "{\"capability\":\"iso.default\"}", acme);
        assertThat(task.get("tenant").asText()).isEqualTo("acme");
        JsonNode refused = http.expect(403, "POST", "/v1/tasks",
                "{\"capability\":\"iso.default\",\"tenant\":\"globex\"}", acme);
        assertThat(refused.get("field").asText()).isEqualTo("tenant");
        JsonNode batch = http.expect(403, "POST", "/v1/tasks/batch", "{\"tasks\":[{\"capability\":\"iso.default\"},"
                + "{\"capability\":\"iso.default\",\"tenant\":\"globex\"}]}", acme);
        assertThat(batch.get("field").asText()).isEqualTo("tasks[1].tenant");
    }

    @Test
    void tenantA_cannotReadWaitCancelOrListTenantBsTask() throws Exception {
        String theirs = http.expect(201, "POST", "/v1/tasks", "{\"capability\":\"iso.read\"}", globex)
                .get("id").asText();
        String ours = http.expect(201, "POST", "/v1/tasks", "{\"capability\":\"iso.read\"}", acme)
                .get("id").asText();
        JsonNode read = http.expect(404, "GET", "/v1/tasks/" + theirs, null, acme);
        JsonNode missing = http.expect(404, "GET", "/v1/tasks/t_does_not_exist", null, acme);
        assertThat(read.get("detail").asText()).isEqualTo(missing.get("detail").asText()
                .replace("t_does_not_exist", theirs));
        http.expect(404, "GET", "/v1/tasks/" + theirs + "?waitMs=200", null, acme);
        http.expect(404, "POST", "/v1/tasks/" + theirs + "/cancel", null, acme);
        assertThat(http.expect(200, "GET", "/v1/tasks/" + theirs, null, globex).get("state").asText())
                .isEqualTo("queued");
        JsonNode list = http.expect(200, "GET", "/v1/tasks?capability=iso.read", null, acme);
        assertThat(list.get("tasks").findValuesAsText("id")).containsExactly(ours);
        assertThat(list.get("tasks").findValuesAsText("tenant")).containsOnly("acme");
        JsonNode all = http.expect(200, "GET", "/v1/tasks?capability=iso.read", null, node.adminToken());
        assertThat(all.get("tasks").findValuesAsText("id")).containsExactlyInAnyOrder(ours, theirs);
        http.expect(404, "POST", "/v1/tasks/" + theirs + "/input", "{\"answer\":true}", acme);
        http.expect(409, "POST", "/v1/tasks/" + theirs + "/input", "{\"answer\":true}", globex);
        http.expect(200, "POST", "/v1/tasks/" + ours + "/cancel", null, acme);
    }

    @Test
    void tenantKey_seesOnlyItsOwnTenantsBudget() throws Exception {
        JsonNode list = http.expect(200, "GET", "/v1/tenants", null, acme);
        assertThat(list.get("tenants").findValuesAsText("name")).containsExactly("acme");
        http.expect(200, "GET", "/v1/tenants/acme", null, acme);
        http.expect(404, "GET", "/v1/tenants/globex", null, acme);
    }

    @Test
    void tenantKey_cannotStreamAnotherTenantsEvents() throws Exception {
        JsonNode refused = http.expect(403, "GET", "/v1/events?tenant=globex", null, acme);
        assertThat(refused.get("field").asText()).isEqualTo("tenant");
    }

    @Test
    void agentRegisteredByATenantsKey_isLeasedOnlyThatTenantsTasks() throws Exception {
        String acmeAgentKey = http.createKey(node.adminToken(), "acme-agent", "agent", "acme");
        String globexTask = http.expect(201, "POST", "/v1/tasks", "{\"capability\":\"iso.tenant\"}", globex)
                .get("id").asText();
        String acmeTask = http.expect(201, "POST", "/v1/tasks", "{\"capability\":\"iso.tenant\"}", acme)
                .get("id").asText();
        JsonNode agent = http.expect(201, "POST", "/v1/agents", "{\"name\":\"acme-worker\",\"capabilities\":"
                + "[\"iso.tenant\"],\"maxConcurrency\":4}", acmeAgentKey);
        String agentId = agent.get("id").asText();

        JsonNode leased = http.expect(200, "POST", "/v1/agents/" + agentId + "/poll", "{\"max\":4,\"waitMs\":300}",
                acmeAgentKey).get("tasks");
        JsonNode again = http.expect(200, "POST", "/v1/agents/" + agentId + "/poll", "{\"max\":4,\"waitMs\":300}",
                acmeAgentKey).get("tasks");

        assertThat(leased.findValuesAsText("id")).containsExactly(acmeTask);
        assertThat(again).isEmpty();
        assertThat(http.expect(200, "GET", "/v1/tasks/" + globexTask, null, node.adminToken()).get("state").asText())
                .isEqualTo("queued");
        JsonNode view = http.expect(200, "GET", "/v1/agents/" + agentId, null, node.adminToken());
        assertThat(view.get("tenant").asText()).isEqualTo("acme");
    }

    @Test
    void agent_cannotPollHeartbeatOrCompleteAnotherAgentsLease() throws Exception {
        String keyX = http.createKey(node.adminToken(), "agent-x", "agent", null);
        String keyY = http.createKey(node.adminToken(), "agent-y", "agent", null);
        String agentX = http.expect(201, "POST", "/v1/agents", "{\"name\":\"x\",\"capabilities\":[\"iso.lease\"]}",
                keyX).get("id").asText();
        String agentY = http.expect(201, "POST", "/v1/agents", "{\"name\":\"y\",\"capabilities\":[\"iso.lease\"]}",
                keyY).get("id").asText();
        String taskId = http.expect(201, "POST", "/v1/tasks", "{\"capability\":\"iso.lease\"}", node.adminToken())
                .get("id").asText();
        JsonNode leased = http.expect(200, "POST", "/v1/agents/" + agentX + "/poll", "{\"max\":1,\"waitMs\":5000}",
                keyX).get("tasks");
        assertThat(leased.findValuesAsText("id")).containsExactly(taskId);
        int attempt = leased.get(0).get("attempt").asInt();
        String result = "{\"results\":[{\"taskId\":\"" + taskId + "\",\"attempt\":" + attempt
                + ",\"status\":\"succeeded\",\"output\":{\"by\":\"y\"}}]}";

        http.expect(403, "POST", "/v1/agents/" + agentX + "/results", result, keyY);
        http.expect(403, "POST", "/v1/agents/" + agentX + "/poll", "{}", keyY);
        http.expect(403, "POST", "/v1/agents/" + agentX + "/heartbeat", "{\"tasks\":[]}", keyY);
        http.expect(403, "POST", "/v1/tasks/" + taskId + "/heartbeat", "{\"attempt\":" + attempt + "}", keyY);
        http.expect(403, "DELETE", "/v1/agents/" + agentX, null, keyY);
        JsonNode viaOwnAgent = http.expect(200, "POST", "/v1/agents/" + agentY + "/results", result, keyY);
        assertThat(viaOwnAgent.get("accepted")).isEmpty();
        assertThat(viaOwnAgent.get("rejected").findValuesAsText("taskId")).containsExactly(taskId);
        assertThat(http.expect(200, "GET", "/v1/tasks/" + taskId, null, keyX).get("state").asText())
                .isEqualTo("leased");

        JsonNode accepted = http.expect(200, "POST", "/v1/agents/" + agentX + "/results",
                result.replace("\"y\"", "\"x\""), keyX);
        assertThat(accepted.get("accepted").get(0).asText()).isEqualTo(taskId);
        assertThat(http.expect(200, "GET", "/v1/tasks/" + taskId, null, node.adminToken()).get("result")
                .get("by").asText()).isEqualTo("x");
    }
}
