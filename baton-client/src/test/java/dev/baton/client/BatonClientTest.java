package dev.baton.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.baton.api.ApiKeyList;
import dev.baton.api.ApiKeyView;
import dev.baton.api.Role;
import dev.baton.api.Strategy;
import dev.baton.api.SubmitTaskRequest;
import dev.baton.api.SubmittedTask;
import dev.baton.api.TaskList;
import dev.baton.api.TaskState;
import dev.baton.api.TaskView;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatonClientTest {
    private FakeBaton fake;
    private BatonClient client;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeBaton();
        client = BatonClient.create(fake.url() + "/", "secret");
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    static TaskView task(String id, TaskState state) {
        return new TaskView(id, "echo", state, 3, 1, 3, "default", null, Map.of(), IntNode.valueOf(1),
                state == TaskState.SUCCEEDED ? IntNode.valueOf(1) : null, null, null, "2025-01-01T00:00:00Z",
                "2025-01-01T00:00:00Z", null, 0, List.of());
    }

    @Test
    void submit_created_sendsBearerTokenAndBodyAndReturnsTask() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, task("t-1", TaskState.QUEUED)));

        TaskView view = client.submit(new SubmitTaskRequest("echo", IntNode.valueOf(7), 2, "k-1", null, null,
                null, null, null));

        assertThat(view.id()).isEqualTo("t-1");
        assertThat(view.state()).isEqualTo(TaskState.QUEUED);
        FakeBaton.Request sent = fake.requests("POST", "/v1/tasks").getFirst();
        assertThat(sent.authorization()).isEqualTo("Bearer secret");
        assertThat(sent.json().path("capability").asText()).isEqualTo("echo");
        assertThat(sent.json().path("idempotencyKey").asText()).isEqualTo("k-1");
        assertThat(sent.json().has("retry")).as("nulls are left out").isFalse();
    }

    @Test
    void submit_orchestrationFields_surviveTheGeneratedIdempotencyKey() {
        fake.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, task("t-1", TaskState.QUEUED)));

        client.submit(SubmitTaskRequest.of("echo", IntNode.valueOf(1)).withStrategy(Strategy.consensus(5, 3, "json"))
                .withConstraints(Map.of("region", "eu")).withPolicy("round_robin"));

        var sent = fake.requests("POST", "/v1/tasks").getFirst().json();
        assertThat(sent.path("idempotencyKey").asText()).isNotBlank();
        assertThat(sent.path("strategy").path("kind").asText()).isEqualTo("consensus");
        assertThat(sent.path("strategy").path("quorum").asInt()).isEqualTo(3);
        assertThat(sent.path("constraints").path("region").asText()).isEqualTo("eu");
        assertThat(sent.path("routing").path("policy").asText()).isEqualTo("round_robin");
    }

    @Test
    void getTask_problemReply_throwsApiExceptionWithParsedProblem() {
        fake.on("GET", "/v1/tasks/.*", r -> new FakeBaton.Reply(400, "application/problem+json",
                "{\"type\":\"https://baton.dev/problems/validation\",\"title\":\"Invalid request\",\"status\":400,"
                        + "\"detail\":\"priority must be 1-5\",\"field\":\"priority\",\"extra\":1}"));

        assertThatThrownBy(() -> client.getTask("t-1"))
                .isInstanceOfSatisfying(BatonApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.isRejected()).isTrue();
                    assertThat(e.problem().type()).isEqualTo("https://baton.dev/problems/validation");
                    assertThat(e.problem().detail()).isEqualTo("priority must be 1-5");
                    assertThat(e.problem().field()).isEqualTo("priority");
                    assertThat(e.getMessage()).contains("priority must be 1-5");
                });
    }

    @Test
    void getTask_plainTextErrorBody_synthesisesProblemFromStatus() {
        fake.on("GET", "/v1/tasks/.*", r -> new FakeBaton.Reply(502, "text/plain", "upstream went away"));

        assertThatThrownBy(() -> client.getTask("t-1"))
                .isInstanceOfSatisfying(BatonApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.problem().title()).isEqualTo("Bad Gateway");
                    assertThat(e.problem().detail()).isEqualTo("upstream went away");
                });
    }

    @Test
    void getTask_unauthorized_isAuthFailure() {
        fake.on("GET", "/v1/tasks/.*", r -> FakeBaton.Reply.problem(401, "Unauthorized", "unknown token"));

        assertThatThrownBy(() -> client.getTask("t-1"))
                .isInstanceOfSatisfying(BatonApiException.class, e -> assertThat(e.isAuthFailure()).isTrue());
    }

    @Test
    void getTask_nothingListening_throwsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        BatonClient offline = BatonClient.builder("http://127.0.0.1:" + port).token("secret")
                .failoverWindow(Duration.ofMillis(200)).build();

        assertThatThrownBy(() -> offline.getTask("t-1"))
                .isInstanceOf(BatonUnavailableException.class)
                .isNotInstanceOf(BatonTimeoutException.class)
                .hasMessageContaining("127.0.0.1:" + port + " (connection refused)");
    }

    @Test
    void getTask_noReplyWithinTimeout_throwsTimeout() {
        fake.on("GET", "/v1/tasks/.*", r -> {
            sleepQuietly(3_000);
            return FakeBaton.Reply.json(200, task("t-1", TaskState.QUEUED));
        });
        BatonClient impatient = BatonClient.builder(fake.url()).token("secret")
                .requestTimeout(Duration.ofMillis(200)).failoverWindow(Duration.ZERO).build();

        assertThatThrownBy(() -> impatient.getTask("t-1")).isInstanceOf(BatonTimeoutException.class)
                .hasMessageContaining("no reply within 200 ms");
    }

    @Test
    void getTask_idWithReservedCharacters_isPercentEncoded() {
        fake.on("GET", "/v1/tasks/.*", r -> FakeBaton.Reply.json(200, task("a b", TaskState.QUEUED)));

        client.getTask("a b");

        assertThat(fake.requests().getFirst().path()).isEqualTo("/v1/tasks/a b");
    }

    @Test
    void waitForTask_notTerminalYet_longPollsUntilTerminal() {
        AtomicInteger calls = new AtomicInteger();
        fake.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200,
                task("t-1", calls.incrementAndGet() < 3 ? TaskState.RUNNING : TaskState.SUCCEEDED)));

        TaskView view = client.waitForTask("t-1", Duration.ofMinutes(1));

        assertThat(view.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(fake.requests()).allSatisfy(r -> assertThat(r.query()).startsWith("waitMs="));
    }

    @Test
    void waitForTask_timeoutPasses_returnsTaskAsLastSeen() {
        fake.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200, task("t-1", TaskState.RUNNING)));

        TaskView view = client.waitForTask("t-1", Duration.ofMillis(200));

        assertThat(view.state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void listTasks_filters_areSentAsQueryParameters() {
        fake.on("GET", "/v1/tasks", r -> FakeBaton.Reply.json(200,
                new TaskList(List.of(task("t-1", TaskState.FAILED)), "c-2")));

        TaskList page = client.listTasks(TaskState.TIMED_OUT, "code.review", 10, "c-1");

        assertThat(page.nextCursor()).isEqualTo("c-2");
        assertThat(fake.requests().getFirst().query())
                .isEqualTo("state=timed_out&capability=code.review&limit=10&cursor=c-1");
    }

    @Test
    void listTasks_noFilters_sendsNoQuery() {
        fake.on("GET", "/v1/tasks", r -> FakeBaton.Reply.json(200, new TaskList(List.of(), null)));

        client.listTasks(null, null, null, null);

        assertThat(fake.requests().getFirst().query()).isNull();
    }

    @Test
    void submitBatch_twoTasks_returnsThemInOrder() {
        fake.on("POST", "/v1/tasks/batch", r -> FakeBaton.Reply.json(201,
                new TaskList(List.of(task("t-1", TaskState.QUEUED), task("t-2", TaskState.QUEUED)), null)));

        List<TaskView> tasks = client.submitBatch(List.of(SubmitTaskRequest.of("echo", IntNode.valueOf(1)),
                SubmitTaskRequest.of("echo", IntNode.valueOf(2))));

        assertThat(tasks).extracting(TaskView::id).containsExactly("t-1", "t-2");
        assertThat(fake.requests().getFirst().json().path("tasks")).hasSize(2);
    }

    @Test
    void submitBatchMinimal_asksForTheMinimalReply_andReadsIdsAndStates() {
        fake.on("POST", "/v1/tasks/batch", r -> FakeBaton.Reply.json(201,
                "{\"tasks\":[{\"id\":\"t-1\",\"state\":\"queued\"},{\"id\":\"t-2\",\"state\":\"leased\"}]}"));

        List<SubmittedTask> tasks = client.submitBatchMinimal(List.of(SubmitTaskRequest.of("echo", IntNode.valueOf(1)),
                SubmitTaskRequest.of("echo", IntNode.valueOf(2))));

        assertThat(tasks).containsExactly(new SubmittedTask("t-1", TaskState.QUEUED),
                new SubmittedTask("t-2", TaskState.LEASED));
        FakeBaton.Request sent = fake.requests().getFirst();
        assertThat(sent.prefer()).isEqualTo("return=minimal");
        assertThat(sent.json().path("tasks")).hasSize(2);
        assertThat(sent.json().path("tasks").path(0).path("idempotencyKey").asText()).isNotBlank();
    }

    @Test
    void submitBatch_asksForTheFullReply() {
        fake.on("POST", "/v1/tasks/batch", r -> FakeBaton.Reply.json(201, new TaskList(List.of(), null)));

        client.submitBatch(List.of(SubmitTaskRequest.of("echo", IntNode.valueOf(1))));

        assertThat(fake.requests().getFirst().prefer()).isNull();
    }

    @Test
    void cancelTask_existing_postsToCancel() {
        fake.on("POST", "/v1/tasks/t-1/cancel", r -> FakeBaton.Reply.json(200, task("t-1", TaskState.CANCELLED)));

        assertThat(client.cancelTask("t-1").state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void health_unhealthy_returnsStatusWithoutThrowingOrSendingToken() {
        fake.on("GET", "/health", r -> FakeBaton.Reply.json(503, "{\"status\":\"down\"}"));

        Health health = client.health();

        assertThat(health.healthy()).isFalse();
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body().path("status").asText()).isEqualTo("down");
        assertThat(fake.requests().getFirst().authorization()).isNull();
    }

    @Test
    void createKey_role_isSentByWireNameAndTokenReturned() {
        fake.on("POST", "/v1/keys", r -> FakeBaton.Reply.json(201,
                new ApiKeyView("k-1", "ci", Role.SUBMITTER, "2025-01-01T00:00:00Z", "tok")));

        ApiKeyView key = client.createKey("ci", Role.SUBMITTER);

        assertThat(key.token()).isEqualTo("tok");
        assertThat(fake.requests().getFirst().json().path("role").asText()).isEqualTo("submitter");
    }

    @Test
    void listKeys_andRevokeKey_useKeysEndpoints() {
        fake.on("GET", "/v1/keys", r -> FakeBaton.Reply.json(200, new ApiKeyList(List.of(
                new ApiKeyView("k-1", "ci", Role.VIEWER, "2025-01-01T00:00:00Z", null)))));
        fake.on("DELETE", "/v1/keys/k-1", r -> FakeBaton.Reply.noContent());

        assertThat(client.listKeys().keys()).extracting(ApiKeyView::id).containsExactly("k-1");
        client.revokeKey("k-1");

        assertThat(fake.requests("DELETE", "/v1/keys/k-1")).hasSize(1);
    }

    @Test
    void builder_failoverWindowNegative_isRejected() {
        assertThatThrownBy(() -> BatonClient.builder(fake.url()).failoverWindow(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failoverWindow");
    }

    @Test
    void baseUrls_severalNodes_listsThemAndBaseUrlIsTheFirst() {
        BatonClient cluster = BatonClient.builder(List.of(fake.url(), "http://127.0.0.1:1/")).build();

        assertThat(cluster.baseUrls()).containsExactly(fake.url(), "http://127.0.0.1:1");
        assertThat(cluster.baseUrl()).isEqualTo(fake.url());
    }

    @Test
    void create_badSecondNode_namesIt() {
        assertThatThrownBy(() -> BatonClient.create(fake.url() + ",ftp://x", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ftp://x' (node 2 of");
    }

    @Test
    void getTask_problemWithLeaderUrlOnAnotherStatus_keepsTheHintInTheProblem() {
        fake.on("GET", "/v1/tasks/.*", r -> new FakeBaton.Reply(500, "application/problem+json",
                "{\"title\":\"Internal\",\"status\":500,\"leaderUrl\":\"http://leader:8080\"}"));

        assertThatThrownBy(() -> client.getTask("t-1"))
                .isInstanceOfSatisfying(BatonApiException.class,
                        e -> assertThat(e.problem().leaderUrl()).isEqualTo("http://leader:8080"));
    }

    @Test
    void builder_notAUrl_isRejected() {
        assertThatThrownBy(() -> BatonClient.create("localhost:8080", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost:8080");
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
