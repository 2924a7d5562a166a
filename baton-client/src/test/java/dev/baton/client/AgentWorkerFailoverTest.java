package dev.baton.client;

import static dev.baton.client.AgentWorkerTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An {@link AgentWorker} connected to two fake nodes: it survives losing the one it uses. */
class AgentWorkerFailoverTest {
    private FakeBaton first;
    private FakeBaton second;
    private FakeAgentApi firstApi;
    private FakeAgentApi secondApi;
    private AgentWorker worker;

    @BeforeEach
    void setUp() throws IOException {
        first = new FakeBaton();
        second = new FakeBaton();
        firstApi = new FakeAgentApi(first);
        secondApi = new FakeAgentApi(second);
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.shutdown(Duration.ZERO);
        }
        first.close();
        second.close();
    }

    private AgentWorker start(List<String> urls, TaskHandler handler) {
        worker = AgentWorker.builder(urls, "agent-token", "test-agent", List.of("echo"), 2, handler)
                .pollWait(Duration.ofMillis(100)).drainTimeout(Duration.ofSeconds(10)).build().start();
        return worker;
    }

    @Test
    void worker_nodeDiesMidTask_finishesTaskAndReportsThroughTheOtherNode() {
        CountDownLatch release = new CountDownLatch(1);
        firstApi.lease("t-1", "echo", IntNode.valueOf(7));
        start(List.of(first.url(), second.url()), ctx -> {
            release.await();
            return ctx.input();
        });
        await(() -> worker.runningTasks() == 1, "t-1 runs");

        first.close();
        await(() -> secondApi.heartbeats.stream().anyMatch(h -> h.contains(new TaskRef("t-1", 1))),
                "the other node gets heartbeats naming t-1");
        release.countDown();
        await(() -> secondApi.resultOf("t-1") != null, "the result reaches the other node");

        assertThat(secondApi.resultOf("t-1").status()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(fakeResults(second, "agent-1")).isNotEmpty();
        assertThat(worker.registrations()).as("the agent id stays valid: no new registration").isEqualTo(1);
        assertThat(secondApi.registrations.get()).isZero();
        assertThat(worker.baseUrl()).isEqualTo(second.url());
        assertThat(worker.failure()).isNull();
    }

    @Test
    void worker_firstNodeNotLeader_registersAndWorksThroughTheLeaderItNames() {
        FakeBaton follower = first;
        follower.on("POST", ".*", r -> FakeBaton.Reply.unavailable(second.url()));
        secondApi.lease("t-1", "echo", IntNode.valueOf(1));

        start(List.of(follower.url(), second.url()), ctx -> ctx.input());
        await(() -> secondApi.resultOf("t-1") != null, "t-1 is done through the leader");

        assertThat(follower.requests()).hasSize(1);
        assertThat(worker.agentId()).isEqualTo("agent-1");
        assertThat(secondApi.registrations.get()).isEqualTo(1);
    }

    @Test
    void results_replyLostAfterRecording_areSentAgainAndCountedAcceptedOnce() {
        firstApi.dropResultReplies.set(1);
        firstApi.lease("t-1", "echo", IntNode.valueOf(3));

        start(List.of(first.url(), second.url()), ctx -> ctx.input());
        await(() -> worker.resultsAccepted() == 1, "the result counts as accepted");

        assertThat(firstApi.resultOf("t-1")).as("the first send was recorded").isNotNull();
        assertThat(secondApi.resultOf("t-1")).as("the repeat went to the next node").isNotNull();
        assertThat(worker.failure()).isNull();
    }

    private static List<FakeBaton.Request> fakeResults(FakeBaton fake, String agentId) {
        return fake.requests("POST", "/v1/agents/" + agentId + "/results");
    }
}
