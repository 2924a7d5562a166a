package dev.baton.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.baton.api.ApiKeyView;
import dev.baton.api.Role;
import dev.baton.api.SubmitTaskRequest;
import dev.baton.api.TaskList;
import dev.baton.api.TaskState;
import dev.baton.api.TaskView;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link BatonClient} over a fake cluster of three nodes: which node each call goes to and what is retried. */
class FailoverTest {
    private FakeBaton a;
    private FakeBaton b;
    private FakeBaton c;

    @BeforeEach
    void setUp() throws IOException {
        a = new FakeBaton();
        b = new FakeBaton();
        c = new FakeBaton();
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        c.close();
    }

    private static TaskView task(String id) {
        return BatonClientTest.task(id, TaskState.QUEUED);
    }

    private BatonClient client(String... urls) {
        return BatonClient.create(String.join(",", urls), "secret");
    }

    @Test
    void getTask_firstNodeDown_usesSecondAndSticksToIt() throws IOException {
        b.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200, task("t-1")));
        BatonClient client = client(FakeBaton.closedPortUrl(), b.url());

        assertThat(client.getTask("t-1").id()).isEqualTo("t-1");
        assertThat(client.baseUrl()).isEqualTo(b.url());
        client.getTask("t-1");

        assertThat(b.requests("GET", "/v1/tasks/t-1")).hasSize(2);
    }

    @Test
    void submit_unavailableWithLeaderUrl_goesStraightToThatNode() {
        a.on("POST", "/v1/tasks", r -> FakeBaton.Reply.unavailable(c.url() + "/"));
        c.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, task("t-1")));
        BatonClient client = client(a.url(), b.url(), c.url());

        assertThat(client.submit(SubmitTaskRequest.of("echo", IntNode.valueOf(1))).id()).isEqualTo("t-1");

        assertThat(b.requests()).isEmpty();
        assertThat(c.requests("POST", "/v1/tasks")).hasSize(1);
        assertThat(client.baseUrl()).isEqualTo(c.url());
    }

    @Test
    void submit_unavailableWithoutHint_triesNextNode() {
        a.on("POST", "/v1/tasks", r -> FakeBaton.Reply.unavailable(null).withHeader("Retry-After", "0"));
        b.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, task("t-1")));
        BatonClient client = client(a.url(), b.url(), c.url());

        assertThat(client.submit(SubmitTaskRequest.of("echo", IntNode.valueOf(1))).id()).isEqualTo("t-1");

        assertThat(a.requests("POST", "/v1/tasks")).hasSize(1);
        assertThat(c.requests()).isEmpty();
    }

    @Test
    void submit_leaderUrlNotConfigured_isIgnoredForTheNextNode() {
        a.on("POST", "/v1/tasks", r -> FakeBaton.Reply.unavailable(c.url()));
        b.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, task("t-1")));
        BatonClient client = client(a.url(), b.url());

        client.submit(SubmitTaskRequest.of("echo", IntNode.valueOf(1)));

        assertThat(c.requests()).as("the token goes only to configured nodes").isEmpty();
        assertThat(b.requests("POST", "/v1/tasks")).hasSize(1);
    }

    @Test
    void getTask_singleNodeUnavailableThenLeaderElected_retriesTheSameNode() {
        AtomicInteger calls = new AtomicInteger();
        a.on("GET", "/v1/tasks/t-1", r -> calls.incrementAndGet() < 3
                ? FakeBaton.Reply.unavailable(null).withHeader("Retry-After", "garbage")
                : FakeBaton.Reply.json(200, task("t-1")));

        assertThat(client(a.url()).getTask("t-1").id()).isEqualTo("t-1");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void submit_outcomeUnknown504_isSentAgainWithTheSameKey() {
        a.on("POST", "/v1/tasks", r -> new FakeBaton.Reply(504, "application/problem+json",
                "{\"type\":\"https://baton.dev/problems/outcome-unknown\",\"title\":\"Outcome unknown\","
                        + "\"status\":504,\"detail\":\"the leader did not answer\"}"));
        b.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(200, task("t-1")));
        BatonClient client = client(a.url(), b.url());

        assertThat(client.submit(SubmitTaskRequest.of("echo", IntNode.valueOf(1))).id()).isEqualTo("t-1");

        String first = a.requests("POST", "/v1/tasks").getFirst().body();
        String second = b.requests("POST", "/v1/tasks").getFirst().body();
        assertThat(second).isEqualTo(first).contains("idempotencyKey");
    }

    @Test
    void createKey_outcomeUnknown504_isNotSentAgain() {
        a.on("POST", "/v1/keys", r -> new FakeBaton.Reply(504, "application/problem+json",
                "{\"type\":\"https://baton.dev/problems/outcome-unknown\",\"title\":\"Outcome unknown\","
                        + "\"status\":504,\"detail\":\"the leader did not answer\"}"));
        BatonClient client = client(a.url(), b.url());

        assertThatThrownBy(() -> client.createKey("ci", Role.SUBMITTER)).isInstanceOf(BatonApiException.class);
        assertThat(b.requests()).isEmpty();
    }

    @Test
    void getTask_connectionBrokenAfterSend_isSentAgainToTheNextNode() {
        a.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.drop());
        b.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.json(200, task("t-1")));

        assertThat(client(a.url(), b.url()).getTask("t-1").id()).isEqualTo("t-1");
        assertThat(b.requests("GET", "/v1/tasks/t-1")).hasSize(1);
    }

    @Test
    void createKey_connectionBrokenAfterSend_isNotSentAgainButNextCallUsesNextNode() {
        a.on("POST", "/v1/keys", r -> FakeBaton.Reply.drop());
        b.on("GET", "/v1/keys", r -> FakeBaton.Reply.json(200, "{\"keys\":[]}"));
        BatonClient client = client(a.url(), b.url());

        assertThatThrownBy(() -> client.createKey("ci", Role.SUBMITTER))
                .isInstanceOf(BatonUnavailableException.class)
                .hasMessageContaining(a.url())
                .hasMessageContaining("may have been applied");

        assertThat(a.requests("POST", "/v1/keys")).hasSize(1);
        assertThat(b.requests("POST", "/v1/keys")).isEmpty();
        assertThat(client.listKeys().keys()).isEmpty();
        assertThat(b.requests("GET", "/v1/keys")).hasSize(1);
    }

    @Test
    void submit_withoutKeyAndBrokenAfterSend_sendsTheSameRandomKeyAgain() {
        a.on("POST", "/v1/tasks", r -> FakeBaton.Reply.drop());
        b.on("POST", "/v1/tasks", r -> FakeBaton.Reply.json(201, task("t-1")));

        client(a.url(), b.url()).submit(SubmitTaskRequest.of("echo", IntNode.valueOf(1)));

        String first = a.requests("POST", "/v1/tasks").getFirst().json().path("idempotencyKey").asText();
        String again = b.requests("POST", "/v1/tasks").getFirst().json().path("idempotencyKey").asText();
        assertThat(UUID.fromString(first)).hasToString(first);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void submitBatch_itemsWithoutKeys_getDistinctKeysAndAreSentAgain() {
        a.on("POST", "/v1/tasks/batch", r -> FakeBaton.Reply.drop());
        b.on("POST", "/v1/tasks/batch", r -> FakeBaton.Reply.json(201,
                new TaskList(List.of(task("t-1"), task("t-2")), null)));
        SubmitTaskRequest keyed = new SubmitTaskRequest("echo", IntNode.valueOf(2), null, "mine", null, null, null,
                null, null);

        client(a.url(), b.url()).submitBatch(List.of(SubmitTaskRequest.of("echo", IntNode.valueOf(1)), keyed));

        var sent = a.requests("POST", "/v1/tasks/batch").getFirst().json().path("tasks");
        var resent = b.requests("POST", "/v1/tasks/batch").getFirst().json().path("tasks");
        assertThat(sent.get(0).path("idempotencyKey").asText()).isNotBlank().isNotEqualTo("mine");
        assertThat(sent.get(1).path("idempotencyKey").asText()).isEqualTo("mine");
        assertThat(resent).isEqualTo(sent);
    }

    @Test
    void cancelTask_brokenAfterSend_isSentAgain() {
        a.on("POST", "/v1/tasks/t-1/cancel", r -> FakeBaton.Reply.drop());
        b.on("POST", "/v1/tasks/t-1/cancel", r -> FakeBaton.Reply.json(200,
                BatonClientTest.task("t-1", TaskState.CANCELLED)));

        assertThat(client(a.url(), b.url()).cancelTask("t-1").state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void getTask_notFound_isNotRetried() {
        a.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.problem(404, "Not found", "no such task"));

        assertThatThrownBy(() -> client(a.url(), b.url()).getTask("t-1"))
                .isInstanceOfSatisfying(BatonApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(b.requests()).isEmpty();
    }

    @Test
    void getTask_failoverWindowExhausted_throwsUnavailableNamingEveryNodeTried() throws IOException {
        String down1 = FakeBaton.closedPortUrl();
        String down2 = FakeBaton.closedPortUrl();
        a.on("GET", "/v1/tasks/t-1", r -> FakeBaton.Reply.unavailable(null));
        BatonClient client = BatonClient.builder(List.of(down1, a.url(), down2)).token("secret")
                .failoverWindow(Duration.ofSeconds(1)).build();

        assertThatThrownBy(() -> client.getTask("t-1"))
                .isInstanceOf(BatonUnavailableException.class)
                .isNotInstanceOf(BatonTimeoutException.class)
                .hasMessageContaining("cannot reach Baton")
                .hasMessageContaining(down1 + " (connection refused)")
                .hasMessageContaining(a.url() + " (503 Service unavailable: no leader is known)")
                .hasMessageContaining(down2 + " (connection refused)");
    }

    @Test
    void health_firstNodeDown_probesTheNextNode() throws IOException {
        b.on("GET", "/health", r -> FakeBaton.Reply.json(200, "{\"status\":\"ok\"}"));

        assertThat(client(FakeBaton.closedPortUrl(), b.url()).health().healthy()).isTrue();
    }

    @Test
    void ready_notReady_isTheAnswerNotAReasonToFailOver() {
        a.on("GET", "/ready", r -> FakeBaton.Reply.json(503, "{\"status\":\"not_ready\"}"));

        assertThat(client(a.url(), b.url()).ready().status()).isEqualTo(503);
        assertThat(b.requests()).isEmpty();
    }

    @Test
    void close_thenCall_failsAtOnceWithoutTryingOtherNodes() {
        BatonClient client = client(a.url(), b.url());
        client.close();

        assertThatThrownBy(() -> client.getTask("t-1")).isInstanceOf(BatonUnavailableException.class)
                .hasMessageContaining("closed");
        assertThat(a.requests()).isEmpty();
        assertThat(b.requests()).isEmpty();
    }

    @Test
    void createKey_unavailableThenLeaderKnown_isSentToTheLeader() {
        a.on("POST", "/v1/keys", r -> FakeBaton.Reply.unavailable(b.url()));
        b.on("POST", "/v1/keys", r -> FakeBaton.Reply.json(201,
                new ApiKeyView("k-1", "ci", Role.SUBMITTER, "2025-01-01T00:00:00Z", "tok")));

        assertThat(client(a.url(), b.url()).createKey("ci", Role.SUBMITTER).token()).isEqualTo("tok");
    }
}
