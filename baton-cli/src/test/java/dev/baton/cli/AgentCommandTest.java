package dev.baton.cli;

import dev.baton.client.FakeBaton;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.AgentRegistration;
import dev.baton.api.AgentState;
import dev.baton.api.HeartbeatResponse;
import dev.baton.api.LeasedTask;
import dev.baton.api.PollResponse;
import dev.baton.api.ResultsResponse;
import dev.baton.client.BatonJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentCommandTest {
    private FakeBaton fake;
    private final List<JsonNode> results = new CopyOnWriteArrayList<>();

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

    /**
     * Serves one leased task, then, once its result arrived, answers polls with 401 so that the
     * agent stops by itself (a test cannot press Ctrl-C).
     */
    private void serveOneTaskThenRevoke(String capability, String inputJson) {
        AtomicBoolean leased = new AtomicBoolean();
        fake.on("POST", "/v1/agents", r -> FakeBaton.Reply.json(201, new AgentRegistration("a-1", 50, 1_000)));
        fake.on("POST", "/v1/agents/a-1/heartbeat",
                r -> FakeBaton.Reply.json(200, new HeartbeatResponse(AgentState.READY, List.of())));
        fake.on("POST", "/v1/agents/a-1/results", r -> {
            r.json().path("results").forEach(results::add);
            return FakeBaton.Reply.json(200, new ResultsResponse(List.of("t-1"), List.of()));
        });
        fake.on("DELETE", "/v1/agents/a-1", r -> FakeBaton.Reply.noContent());
        fake.on("POST", "/v1/agents/a-1/poll", r -> {
            if (!results.isEmpty()) {
                return FakeBaton.Reply.problem(401, "Unauthorized", "key revoked");
            }
            List<LeasedTask> tasks = leased.compareAndSet(false, true)
                    ? List.of(new LeasedTask("t-1", 1, capability, BatonJson.parse(inputJson), null, 0))
                    : List.of();
            sleepQuietly(20);
            return FakeBaton.Reply.json(200, new PollResponse(tasks));
        });
    }

    @Test
    void agent_neitherExecNorDemo_isUsageError() {
        Cli.Result result = baton("agent", "--capability", "x");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--exec", "--demo");
    }

    @Test
    void agent_execAndDemo_isUsageError() {
        assertThat(baton("agent", "--demo", "--exec", "cat", "-c", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void agent_execWithoutCapability_isUsageError() {
        Cli.Result result = baton("agent", "--exec", "cat");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--exec needs at least one --capability");
    }

    @Test
    void agent_demoWithForeignCapability_isUsageError() {
        Cli.Result result = baton("agent", "--demo", "-c", "echo,translate");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("translate");
    }

    @Test
    void agent_registrationUnauthorized_exitsFour() {
        fake.on("POST", "/v1/agents", r -> FakeBaton.Reply.problem(401, "Unauthorized", "unknown token"));

        Cli.Result result = baton("agent", "--demo");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
        assertThat(result.err()).contains("unknown token");
    }

    @Test
    void agent_demo_registersDemoCapabilitiesAndEchoes() {
        serveOneTaskThenRevoke("echo", "{\"hello\":\"world\"}");

        Cli.Result result = baton("agent", "--demo", "--name", "demo-1", "--concurrency", "2", "-l", "zone=a");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
        JsonNode registration = fake.requests("POST", "/v1/agents").getFirst().json();
        assertThat(registration.path("name").asText()).isEqualTo("demo-1");
        assertThat(registration.path("maxConcurrency").asInt()).isEqualTo(2);
        assertThat(registration.path("labels").path("zone").asText()).isEqualTo("a");
        assertThat(registration.path("capabilities")).extracting(JsonNode::asText)
                .containsExactly("echo", "sleep", "flaky", "approve");
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.path("status").asText()).isEqualTo("succeeded");
            assertThat(r.path("output")).isEqualTo(BatonJson.parse("{\"hello\":\"world\"}"));
        });
    }

    @Test
    void agent_exec_runsCommandPerTaskWithInputOnStdin() {
        serveOneTaskThenRevoke("shell", "{\"n\":7}");

        Cli.Result result = baton("agent", "--exec", "cat", "-c", "shell,other");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
        assertThat(fake.requests("POST", "/v1/agents").getFirst().json().path("capabilities"))
                .extracting(JsonNode::asText).containsExactly("shell", "other");
        assertThat(results).singleElement()
                .satisfies(r -> assertThat(r.path("output")).isEqualTo(BatonJson.parse("{\"n\":7}")));
    }

    @Test
    void agent_costPerTaskAndTier_sentWithRegistration() {
        serveOneTaskThenRevoke("echo", "{}");

        Cli.Result result = baton("agent", "--demo", "--cost-per-task", "1.25", "--tier", "premium");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
        JsonNode registration = fake.requests("POST", "/v1/agents").getFirst().json();
        assertThat(registration.path("costPerTask").asDouble()).isEqualTo(1.25);
        assertThat(registration.path("tier").asText()).isEqualTo("premium");
    }

    @Test
    void agent_badTierOrCost_isUsageError() {
        Cli.Result tier = baton("agent", "--demo", "--tier", "gold");
        Cli.Result cost = baton("agent", "--demo", "--cost-per-task", "-1");

        assertThat(tier.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tier.err()).contains("standard, premium");
        assertThat(cost.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cost.err()).contains("--cost-per-task");
    }

    @Test
    void agent_firstOfTwoNodesDown_servesThroughTheSecond() throws IOException {
        serveOneTaskThenRevoke("echo", "{\"n\":1}");

        Cli.Result result = Cli.run("agent", "--demo", "--url", FakeBaton.closedPortUrl() + "," + fake.url(),
                "--token", "secret");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
        assertThat(results).singleElement()
                .satisfies(r -> assertThat(r.path("output")).isEqualTo(BatonJson.parse("{\"n\":1}")));
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
