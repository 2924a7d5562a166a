package dev.baton.cli;

import dev.baton.client.FakeBaton;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.TaskState;
import dev.baton.client.BatonJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmitCommandTest {
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
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = fake.url();
        all[args.length + 2] = "--token";
        all[args.length + 3] = "secret";
        return Cli.run(all);
    }

    @Test
    void submit_accepted_printsIdAndStateAndSendsEveryOption() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));

        Cli.Result result = baton("submit", "--capability", "echo", "--input", "{\"q\":1}", "--priority", "4",
                "--idempotency-key", "k-1", "--max-attempts", "2", "--label", "team=ml", "-l", "env=dev");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("task t-1 queued  capability=echo priority=3\n");
        JsonNode sent = fake.requests().getFirst().json();
        assertThat(sent.path("capability").asText()).isEqualTo("echo");
        assertThat(sent.path("input")).isEqualTo(BatonJson.parse("{\"q\":1}"));
        assertThat(sent.path("priority").asInt()).isEqualTo(4);
        assertThat(sent.path("idempotencyKey").asText()).isEqualTo("k-1");
        assertThat(sent.path("maxAttempts").asInt()).isEqualTo(2);
        assertThat(sent.path("labels")).isEqualTo(BatonJson.parse("{\"team\":\"ml\",\"env\":\"dev\"}"));
        assertThat(fake.requests().getFirst().authorization()).isEqualTo("Bearer secret");
    }

    @Test
    void submit_constraintsAndPolicy_areSentAsRoutingFields() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));

        Cli.Result result = baton("submit", "-c", "echo", "--constraint", "region=eu", "--constraint", "gpu=a100",
                "--policy", "round_robin");

        assertThat(result.exitCode()).isZero();
        JsonNode sent = fake.requests().getFirst().json();
        assertThat(sent.path("constraints")).isEqualTo(BatonJson.parse("{\"region\":\"eu\",\"gpu\":\"a100\"}"));
        assertThat(sent.path("routing").path("policy").asText()).isEqualTo("round_robin");
    }

    @Test
    void submit_consensus_sendsTheStrategy() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));

        Cli.Result result = baton("submit", "-c", "echo", "--strategy", "consensus", "--agents", "5", "--quorum", "3",
                "--compare", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(fake.requests().getFirst().json().path("strategy")).isEqualTo(
                BatonJson.parse("{\"kind\":\"consensus\",\"agents\":5,\"quorum\":3,\"compare\":\"json\"}"));
    }

    @Test
    void submit_agentsWithoutStrategy_isUsageError() {
        Cli.Result result = baton("submit", "-c", "echo", "--agents", "3");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--strategy");
    }

    @Test
    void submit_jsonOutput_printsTheReplyAsJson() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));

        Cli.Result result = baton("submit", "-c", "echo", "-o", "json");

        assertThat(result.exitCode()).isZero();
        JsonNode printed = BatonJson.parse(result.out());
        assertThat(printed.path("id").asText()).isEqualTo("t-1");
        assertThat(printed.path("state").asText()).isEqualTo("queued");
    }

    @Test
    void submit_waitAndSucceeded_printsResultAndExitsZero() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));
        fake.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200, Fixtures.task("t-1", TaskState.SUCCEEDED)));

        Cli.Result result = baton("submit", "-c", "echo", "--wait");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("task t-1 queued", "state:", "succeeded", "{\"answer\":42}");
        assertThat(fake.requests("GET", "/v1/tasks/t-1").getFirst().query()).startsWith("waitMs=");
    }

    @Test
    void submit_waitAndFailed_printsErrorAndExitsOne() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));
        fake.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200, Fixtures.task("t-1", TaskState.FAILED)));

        Cli.Result result = baton("submit", "-c", "echo", "--wait");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TASK_NOT_SUCCEEDED);
        assertThat(result.out()).contains("FLAKY: failed on purpose (retryable)", "#1 agent-1 failed");
    }

    @Test
    void submit_waitTimesOut_exitsSix() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));
        fake.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200, Fixtures.task("t-1", TaskState.RUNNING)));

        Cli.Result result = baton("submit", "-c", "echo", "--wait", "--timeout", "200ms");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER_ERROR_OR_TIMEOUT);
        assertThat(result.err()).contains("still running");
    }

    @Test
    void submit_waitJsonOutput_printsOnlyTheFinalTask() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));
        fake.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200, Fixtures.task("t-1", TaskState.SUCCEEDED)));

        Cli.Result result = baton("submit", "-c", "echo", "--wait", "-o", "json");

        assertThat(BatonJson.parse(result.out()).path("state").asText()).isEqualTo("succeeded");
    }

    @Test
    void submit_rejected_printsDetailAndFieldAndExitsFive() {
        fake.on("POST", "/v1/tasks", r -> new FakeBaton.Reply(400, "application/problem+json",
                "{\"type\":\"https://baton.dev/problems/validation\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"priority must be between 1 and 5\",\"field\":\"priority\"}"));

        Cli.Result result = baton("submit", "-c", "echo", "-p", "9");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(result.err()).contains("priority must be between 1 and 5", "field priority");
    }

    @Test
    void submit_rejectedWithJsonOutput_printsTheProblem() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.problem(409, "Conflict", "duplicate"));

        Cli.Result result = baton("submit", "-c", "echo", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REJECTED);
        assertThat(BatonJson.parse(result.out()).path("detail").asText()).isEqualTo("duplicate");
    }

    @Test
    void submit_unauthorized_exitsFourWithTokenHint() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.problem(401, "Unauthorized", "unknown token"));

        Cli.Result result = baton("submit", "-c", "echo");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
        assertThat(result.err()).contains("unknown token", "--token");
    }

    @Test
    void submit_forbidden_exitsFour() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.problem(403, "Forbidden", "viewer may not submit"));

        assertThat(baton("submit", "-c", "echo").exitCode()).isEqualTo(ExitCodes.AUTH_FAILED);
    }

    @Test
    void submit_serverError_exitsSix() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.problem(500, "Internal error", "boom"));

        assertThat(baton("submit", "-c", "echo").exitCode()).isEqualTo(ExitCodes.SERVER_ERROR_OR_TIMEOUT);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void submit_noLeaderThroughoutFailoverWindow_exitsSixNamingTheNode() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.problem(503, "Service Unavailable", "no leader"));

        Cli.Result result = baton("submit", "-c", "echo", "--failover-window", "300ms");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SERVER_ERROR_OR_TIMEOUT);
        assertThat(result.err()).contains(fake.url() + " (503 Service Unavailable: no leader)")
                .doesNotContain("is the server running");
    }

    @Test
    void submit_serverUnreachable_exitsThree() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Cli.Result result = Cli.run("submit", "-c", "echo", "--url", "http://127.0.0.1:" + port, "--token", "t",
                "--failover-window", "200ms");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("cannot reach Baton", "127.0.0.1:" + port + " (connection refused)",
                "BATON_URL");
    }

    @Test
    void submit_firstOfTwoNodesDown_isSubmittedThroughTheSecond() throws IOException {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));

        Cli.Result result = Cli.run("submit", "-c", "echo", "--url", FakeBaton.closedPortUrl() + "," + fake.url(),
                "--token", "secret");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("task t-1 queued");
        assertThat(fake.requests("POST", "/v1/tasks")).singleElement()
                .satisfies(r -> assertThat(r.json().path("idempotencyKey").asText()).isNotBlank());
    }

    @Test
    void submit_inputFromFile_sendsItsJson(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("input.json");
        Files.writeString(file, "[1, 2, 3]\n");
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, Fixtures.task("t-1", TaskState.QUEUED)));

        assertThat(baton("submit", "-c", "echo", "--input-file", file.toString()).exitCode()).isZero();

        assertThat(fake.requests().getFirst().json().path("input")).isEqualTo(BatonJson.parse("[1,2,3]"));
    }

    @Test
    void submit_idempotencyRepeatOfFinishedTask_waitReturnsAtOnce() {
        AtomicInteger gets = new AtomicInteger();
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(200, Fixtures.task("t-1", TaskState.SUCCEEDED)));
        fake.on("GET", "/v1/tasks/t-1", r -> {
            gets.incrementAndGet();
            return FakeBaton.Reply.json(200, Fixtures.task("t-1", TaskState.SUCCEEDED));
        });

        assertThat(baton("submit", "-c", "echo", "--idempotency-key", "k", "--wait").exitCode()).isZero();
        assertThat(gets.get()).isZero();
    }
}
