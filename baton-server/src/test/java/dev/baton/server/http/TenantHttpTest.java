package dev.baton.server.http;

import static dev.baton.server.http.HttpApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/tenants} and budget enforcement through the HTTP API of a real node. */
class TenantHttpTest {
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

    /** Runs one task of {@code tenant} to success on an agent that costs {@code cost} per task. */
    private void spend(String tenant, String capability, double cost) throws Exception {
        String agent = node.adminJson("POST", "/v1/agents", "{\"name\":\"a\",\"capabilities\":[\"" + capability
                + "\"],\"costPerTask\":" + cost + "}", 201).get("id").asText();
        String task = node.adminJson("POST", "/v1/tasks", "{\"capability\":\"" + capability + "\",\"tenant\":\""
                + tenant + "\"}", 201).get("id").asText();
        JsonNode polled = node.adminJson("POST", "/v1/agents/" + agent + "/poll", "{\"waitMs\":5000}", 200);
        assertThat(polled.get("tasks")).hasSize(1);
        node.adminJson("POST", "/v1/agents/" + agent + "/results", "{\"results\":[{\"taskId\":\"" + task
                + "\",\"attempt\":1,\"status\":\"succeeded\"}]}", 200);
        node.adminJson("DELETE", "/v1/agents/" + agent, null, 202);
    }

    @Test
    void put_get_list_delete() throws Exception {
        JsonNode created = node.adminJson("PUT", "/v1/tenants/crud", "{\"budget\":100,\"budgetPeriod\":\"month\","
                + "\"budgetThreshold\":80,\"maxInFlight\":4,\"weight\":3}", 201);
        assertThat(created.get("configured").asBoolean()).isTrue();
        assertThat(created.get("budget").asDouble()).isEqualTo(100);
        assertThat(created.get("budgetPeriod").asText()).isEqualTo("month");
        assertThat(created.get("weight").asInt()).isEqualTo(3);
        assertThat(created.get("onBudgetExhausted").asText()).isEqualTo("reject");
        assertThat(created.get("spend").asDouble()).isZero();
        assertThat(Instant.parse(created.get("periodEndsAt").asText())).isAfter(Instant.now());

        assertThat(node.adminJson("PUT", "/v1/tenants/crud", "{\"weight\":2}", 200).get("budget")).isNull();
        assertThat(node.adminJson("GET", "/v1/tenants", null, 200).get("tenants").findValuesAsText("name"))
                .contains("crud");
        assertThat(node.admin("DELETE", "/v1/tenants/crud", null).statusCode()).isEqualTo(204);
        JsonNode defaults = node.adminJson("GET", "/v1/tenants/crud", null, 200);
        assertThat(defaults.get("configured").asBoolean()).isFalse();
        assertThat(defaults.get("weight").asInt()).isEqualTo(1);
        assertProblem(node.admin("DELETE", "/v1/tenants/crud", null), 404, "not-found", null);
    }

    @Test
    void put_badFields_problemNamesTheField() throws Exception {
        assertProblem(node.admin("PUT", "/v1/tenants/bad", "{\"budget\":-1}"), 400, "validation", "budget");
        assertProblem(node.admin("PUT", "/v1/tenants/bad", "{\"weight\":0}"), 400, "validation", "weight");
        assertProblem(node.admin("PUT", "/v1/tenants/bad", "{\"maxInFlight\":-3}"), 400, "validation",
                "maxInFlight");
        assertProblem(node.admin("PUT", "/v1/tenants/bad", "{\"budgetPeriod\":\"week\"}"), 400, "validation",
                "budgetPeriod");
        assertProblem(node.admin("PUT", "/v1/tenants/bad", "{\"onBudgetExhausted\":\"panic\"}"), 400, "validation",
                "onBudgetExhausted");
        assertProblem(node.admin("PUT", "/v1/tenants/bad%20name", "{}"), 400, "validation", "name");
        assertProblem(node.call("PUT", "/v1/tenants/bad", "{}", node.node.agentToken()), 403, "forbidden", null);
    }

    @Test
    void submit_pastBudget_isRejectedWith429BudgetExhausted() throws Exception {
        node.adminJson("PUT", "/v1/tenants/spender", "{\"budget\":5,\"budgetPeriod\":\"day\"}", 201);
        spend("spender", "c.spend", 5);

        HttpResponse<String> refused = node.admin("POST", "/v1/tasks", "{\"capability\":\"c.spend\","
                + "\"tenant\":\"spender\"}");

        assertProblem(refused, 429, "budget-exhausted", "tenant");
        String detail = TestNode.json(refused).get("detail").asText();
        String reset = Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), 86_400_000L) * 86_400_000L
                + 86_400_000L).toString();
        assertThat(detail).contains("'spender'", "spent 5 of its budget of 5", reset);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 86_400L);
        JsonNode tenant = node.adminJson("GET", "/v1/tenants/spender", null, 200);
        assertThat(tenant.get("spend").asDouble()).isEqualTo(5);
        assertThat(tenant.get("held").asBoolean()).isTrue();
        assertThat(node.call("GET", "/metrics", null, null).body())
                .contains("baton_tenant_spend{tenant=\"spender\"} 5.0",
                        "baton_tenant_rejected_total{tenant=\"spender\"");
    }

    @Test
    void submit_pastBudgetWithHold_isAcceptedAndHeld_raisingTheBudgetReleasesIt() throws Exception {
        node.adminJson("PUT", "/v1/tenants/holder", "{\"budget\":2,\"onBudgetExhausted\":\"hold\"}", 201);
        spend("holder", "c.hold", 2);
        String agent = node.adminJson("POST", "/v1/agents", "{\"name\":\"h\",\"capabilities\":[\"c.hold\"]}", 201)
                .get("id").asText();

        String held = node.adminJson("POST", "/v1/tasks", "{\"capability\":\"c.hold\",\"tenant\":\"holder\"}", 201)
                .get("id").asText();
        assertThat(node.adminJson("POST", "/v1/agents/" + agent + "/poll", "{\"waitMs\":300}", 200).get("tasks"))
                .isEmpty();
        assertThat(node.adminJson("GET", "/v1/tenants/holder", null, 200).get("queued").asInt()).isEqualTo(1);

        node.adminJson("PUT", "/v1/tenants/holder", "{\"budget\":10,\"onBudgetExhausted\":\"hold\"}", 200);
        JsonNode released = node.adminJson("POST", "/v1/agents/" + agent + "/poll", "{\"waitMs\":5000}", 200);
        assertThat(released.get("tasks").findValuesAsText("id")).containsExactly(held);
    }
}
