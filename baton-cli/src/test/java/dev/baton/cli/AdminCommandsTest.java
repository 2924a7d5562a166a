package dev.baton.cli;

import dev.baton.client.FakeBaton;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentList;
import dev.baton.api.AgentState;
import dev.baton.api.AgentTier;
import dev.baton.api.BreakerView;
import dev.baton.api.AgentView;
import dev.baton.api.ApiKeyList;
import dev.baton.api.ApiKeyView;
import dev.baton.api.ClusterView;
import dev.baton.api.Role;
import dev.baton.client.BatonJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminCommandsTest {
    private FakeBaton fake;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeBaton();
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private Cli.Result baton(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", fake.url(), "--token", "secret"));
        return Cli.run(all.toArray(String[]::new));
    }

    private static AgentList twoAgents() {
        return new AgentList(List.of(
                new AgentView("a-1", "gpu-box", List.of("summarize", "echo"), Map.of(), 4, AgentState.READY, 2,
                        "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z", 0, AgentTier.STANDARD,
                        new BreakerView("closed", 0, 0, null, 0)),
                new AgentView("a-2", "laptop", List.of("echo"), Map.of("region", "eu"), 1, AgentState.DRAINING, 0,
                        "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z", 0, AgentTier.STANDARD,
                        new BreakerView("open", 5, 50, "2025-01-01T00:00:00Z", 1))));
    }

    @Test
    void agents_two_printsTable() {
        fake.on("GET", "/v1/agents", r -> FakeBaton.Reply.json(200, twoAgents()));

        Cli.Result result = baton("agents");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().toList()).containsExactly(
                "ID   NAME     STATE     BREAKER                                 TASKS  CAPABILITIES    LABELS",
                "a-1  gpu-box  ready     closed                                  2/4    summarize,echo  -",
                "a-2  laptop   draining  open (5 failures in a row, 50% errors)  0/1    echo            {region=eu}");
    }

    @Test
    void agents_jsonOutput_printsReply() {
        fake.on("GET", "/v1/agents", r -> FakeBaton.Reply.json(200, twoAgents()));

        Cli.Result result = baton("agents", "--output", "JSON");

        assertThat(BatonJson.parse(result.out()).path("agents")).hasSize(2);
    }

    @Test
    void status_threeNodes_printsLeaderTermIndexesNodesAndAgentSummary() {
        fake.on("GET", "/v1/cluster", r -> FakeBaton.Reply.json(200, new ClusterView(List.of(
                new ClusterView.NodeView("n1", "10.0.0.1:9000", "http://10.0.0.1:8080", "leader", true, 7L, 120L,
                        119L, 1L, null, null),
                new ClusterView.NodeView("n2", "10.0.0.2:9000", "http://10.0.0.2:8080", "follower", true, 7L, 118L,
                        110L, 10L, 40L, null),
                new ClusterView.NodeView("n3", "10.0.0.3:9000", "http://10.0.0.3:8080", "unknown", false, null,
                        null, null, null, null, "connection refused")), "n1", 7, 120, 119)));
        fake.on("GET", "/v1/agents", r -> FakeBaton.Reply.json(200, twoAgents()));

        Cli.Result result = baton("status");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("leader:         n1", "term:           7", "commit index:   120",
                "applied index:  119", "NODE  ROLE         URL                   RAFT           TERM  COMMIT",
                "n2    follower     http://10.0.0.2:8080  10.0.0.2:9000  7     118     110      10   40ms",
                "n3    unreachable  http://10.0.0.3:8080  10.0.0.3:9000", "n3: connection refused",
                "agents: 2 (1 ready, 2 tasks running)");
    }

    @Test
    void status_agentsForbidden_stillPrintsCluster() {
        fake.on("GET", "/v1/cluster", r -> FakeBaton.Reply.json(200,
                new ClusterView(List.of(), null, 1, 5, 5)));
        fake.on("GET", "/v1/agents", r -> FakeBaton.Reply.problem(403, "Forbidden", "no"));

        Cli.Result result = baton("status");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("leader:         none").doesNotContain("agents:");
    }

    @Test
    void health_healthy_exitsZero() {
        fake.on("GET", "/health", r -> FakeBaton.Reply.json(200, "{\"status\":\"up\"}"));

        Cli.Result result = baton("health");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("healthy (200) {\"status\":\"up\"}\n");
        assertThat(fake.requests().getFirst().authorization()).isNull();
    }

    @Test
    void health_unhealthy_exitsSix() {
        fake.on("GET", "/health", r -> FakeBaton.Reply.json(503, "{\"status\":\"down\"}"));

        Cli.Result result = baton("health");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER_ERROR_OR_TIMEOUT);
        assertThat(result.out()).startsWith("unhealthy (503)");
    }

    @Test
    void health_continuousWithCount_checksThatOftenAndReportsTheLast() {
        AtomicInteger checks = new AtomicInteger();
        fake.on("GET", "/health", r -> checks.incrementAndGet() == 1
                ? FakeBaton.Reply.json(503, "{\"status\":\"down\"}")
                : FakeBaton.Reply.json(200, "{\"status\":\"up\"}"));

        Cli.Result result = baton("health", "--continuous", "--interval", "1", "--count", "2", "-o", "json");

        assertThat(result.exitCode()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(BatonJson.parse(lines.get(0)).path("status").asInt()).isEqualTo(503);
        assertThat(BatonJson.parse(lines.get(1)).path("body").path("status").asText()).isEqualTo("up");
    }

    @Test
    void keysCreate_submitter_printsTokenOnce() {
        fake.on("POST", "/v1/keys", r -> FakeBaton.Reply.json(201,
                new ApiKeyView("k-1", "ci", Role.SUBMITTER, "2025-01-01T00:00:00Z", "bt_secret")));

        Cli.Result result = baton("keys", "create", "--name", "ci", "--role", "submitter");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("token:", "bt_secret", "does not show it again");
        assertThat(fake.requests().getFirst().json().path("role").asText()).isEqualTo("submitter");
    }

    @Test
    void keysList_two_printsTableWithoutTokens() {
        fake.on("GET", "/v1/keys", r -> FakeBaton.Reply.json(200, new ApiKeyList(List.of(
                new ApiKeyView("k-1", "admin", Role.ADMIN, "2025-01-01T00:00:00Z", null),
                new ApiKeyView("k-2", "ci", Role.SUBMITTER, "2025-01-02T00:00:00Z", null, "acme",
                        "2026-01-01T00:00:00Z", null, null)))));

        Cli.Result result = baton("keys", "list");

        assertThat(result.out().lines().toList()).containsExactly(
                "ID   NAME   ROLE       TENANT  CREATED               EXPIRES",
                "k-1  admin  admin      -       2025-01-01T00:00:00Z  -",
                "k-2  ci     submitter  acme    2025-01-02T00:00:00Z  2026-01-01T00:00:00Z");
    }

    @Test
    void keysRevoke_existing_printsConfirmation() {
        fake.on("DELETE", "/v1/keys/k-2", r -> FakeBaton.Reply.noContent());

        Cli.Result result = baton("keys", "revoke", "k-2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("revoked key k-2\n");
    }
}
