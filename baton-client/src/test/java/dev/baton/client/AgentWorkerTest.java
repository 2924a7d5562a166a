package dev.baton.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.api.AgentTier;
import dev.baton.api.ErrorInfo;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskResult;
import dev.baton.api.TaskState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentWorkerTest {
    private FakeBaton fake;
    private FakeAgentApi api;
    private AgentWorker worker;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeBaton();
        api = new FakeAgentApi(fake);
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.shutdown(Duration.ZERO);
        }
        fake.close();
    }

    private AgentWorker start(int maxConcurrency, TaskHandler handler) {
        worker = AgentWorker.builder(fake.url(), "agent-token", "test-agent", List.of("echo"), maxConcurrency,
                handler).pollWait(Duration.ofMillis(100)).drainTimeout(Duration.ofSeconds(10)).build().start();
        return worker;
    }

    @Test
    void start_taskLeased_registersPollsRunsHandlerAndReportsResultInBatch() {
        api.lease("t-1", "echo", IntNode.valueOf(42));
        start(2, ctx -> ctx.input());

        await(() -> api.resultOf("t-1") != null, "the result of t-1 is reported");

        TaskResult result = api.resultOf("t-1");
        assertThat(result.status()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(result.attempt()).isEqualTo(1);
        assertThat(result.output()).isEqualTo(IntNode.valueOf(42));
        assertThat(worker.agentId()).isEqualTo("agent-1");
        assertThat(worker.tasksCompleted()).isEqualTo(1);
        FakeBaton.Request register = fake.requests("POST", "/v1/agents").getFirst();
        assertThat(register.authorization()).isEqualTo("Bearer agent-token");
        assertThat(register.json().path("name").asText()).isEqualTo("test-agent");
        assertThat(register.json().path("maxConcurrency").asInt()).isEqualTo(2);
        assertThat(fake.requests("POST", "/v1/agents/agent-1/results").getFirst().json().path("results"))
                .hasSize(1);
    }

    @Test
    void costAndTier_registered_andReportedCostSentWithResult() {
        api.lease("t-1", "echo", IntNode.valueOf(1));
        api.lease("t-2", "echo", IntNode.valueOf(2));
        worker = AgentWorker.builder(fake.url(), "agent-token", "paid", List.of("echo"), 2, ctx -> {
            if (ctx.taskId().equals("t-1")) {
                ctx.reportCost(0.5);
            }
            return ctx.input();
        }).costPerTask(3).tier(AgentTier.PREMIUM).pollWait(Duration.ofMillis(100)).build().start();

        await(() -> api.resultOf("t-1") != null && api.resultOf("t-2") != null, "both results are reported");

        JsonNode register = fake.requests("POST", "/v1/agents").getFirst().json();
        assertThat(register.path("costPerTask").asDouble()).isEqualTo(3.0);
        assertThat(register.path("tier").asText()).isEqualTo("premium");
        assertThat(api.resultOf("t-1").cost()).isEqualTo(0.5);
        assertThat(api.resultOf("t-2").cost()).isNull();
    }

    @Test
    void builder_badCost_throwsNamingIt() {
        assertThatThrownBy(() -> AgentWorker.builder(fake.url(), "t", "n", List.of("echo"), 1, ctx -> null)
                .costPerTask(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("costPerTask");
    }

    @Test
    void handler_throwsTaskFailure_reportsItsCodeAndRetryability() {
        api.lease("t-1", "echo", IntNode.valueOf(1));
        start(1, ctx -> {
            throw new TaskFailure("INVALID_INPUT", "bad input", false);
        });

        await(() -> api.resultOf("t-1") != null, "the failure of t-1 is reported");

        TaskResult result = api.resultOf("t-1");
        assertThat(result.status()).isEqualTo(TaskState.FAILED);
        assertThat(result.error()).isEqualTo(ErrorInfo.of("INVALID_INPUT", "bad input", false));
        assertThat(worker.tasksFailed()).isEqualTo(1);
    }

    @Test
    void handler_throwsOtherException_reportsRetryableAgentError() {
        api.lease("t-1", "echo", IntNode.valueOf(1));
        start(1, ctx -> {
            throw new IllegalStateException("boom");
        });

        await(() -> api.resultOf("t-1") != null, "the failure of t-1 is reported");

        ErrorInfo error = api.resultOf("t-1").error();
        assertThat(error.code()).isEqualTo("AGENT_ERROR");
        assertThat(error.retryable()).isTrue();
        assertThat(error.message()).contains("boom");
    }

    @Test
    void results_manyTasks_areAllReportedInBatchesOfAtMostTheCap() {
        int tasks = 3 * ResultReporter.MAX_BATCH;
        for (int i = 0; i < tasks; i++) {
            api.lease("t-" + i, "echo", IntNode.valueOf(i));
        }
        start(2 * ResultReporter.MAX_BATCH, ctx -> ctx.input());

        await(() -> api.results.size() == tasks, "all " + tasks + " results are reported");

        assertThat(fake.requests("POST", "/v1/agents/[^/]+/results"))
                .allSatisfy(r -> assertThat(r.json().path("results").size()).isBetween(1, ResultReporter.MAX_BATCH));
    }

    @Test
    void poll_slotsBusy_asksForAtMostTheFreeSlotsAndNeverWhenFull() {
        CountDownLatch release = new CountDownLatch(1);
        api.lease("t-1", "echo", IntNode.valueOf(1));
        start(3, ctx -> {
            release.await();
            return ctx.input();
        });
        await(() -> worker.runningTasks() == 1, "t-1 runs");
        api.lease("t-2", "echo", IntNode.valueOf(2));
        api.lease("t-3", "echo", IntNode.valueOf(3));
        await(() -> worker.runningTasks() == 3, "all slots are busy");
        int pollsWhenFull = fake.requests("POST", "/v1/agents/[^/]+/poll").size();
        int heartbeatsWhenFull = api.heartbeats.size();
        await(() -> api.heartbeats.size() >= heartbeatsWhenFull + 5, "five more heartbeats pass");

        assertThat(fake.requests("POST", "/v1/agents/[^/]+/poll").size()).isLessThanOrEqualTo(pollsWhenFull + 1);
        assertThat(api.pollMax).allSatisfy(max -> assertThat(max).isBetween(1, 3));
        assertThat(api.pollMax.getFirst()).isEqualTo(3);
        assertThat(api.pollMax.getLast()).isLessThanOrEqualTo(2);
        release.countDown();
        await(() -> api.results.size() == 3, "all results are reported");
    }

    @Test
    void heartbeat_runningTask_listsItsAttempt() {
        CountDownLatch release = new CountDownLatch(1);
        api.lease("t-1", "echo", IntNode.valueOf(1));
        start(1, ctx -> {
            release.await();
            return ctx.input();
        });

        await(() -> api.heartbeats.stream().anyMatch(h -> h.contains(new TaskRef("t-1", 1))),
                "a heartbeat lists t-1");
        release.countDown();
    }

    @Test
    void heartbeat_stopListed_interruptsHandlerAndReportsNothing() {
        api.lease("t-1", "echo", IntNode.valueOf(1));
        api.stop.add(new TaskRef("t-1", 1));
        start(1, ctx -> {
            Thread.sleep(Duration.ofMinutes(5));
            return ctx.input();
        });

        await(() -> worker.tasksStopped() == 1, "the handler is stopped");

        assertThat(api.results).isEmpty();
        assertThat(worker.runningTasks()).isZero();
    }

    @Test
    void heartbeat_agentUnknown_registersAgainAndCarriesOn() {
        start(1, ctx -> ctx.input());
        await(() -> "agent-1".equals(worker.agentId()), "the agent registers");

        api.forgotten.add("agent-1");
        await(() -> "agent-2".equals(worker.agentId()), "the agent registers again");
        api.lease("t-1", "echo", TextNode.valueOf("after"));

        await(() -> api.resultOf("t-1") != null, "t-1 is done by the new registration");
        assertThat(worker.registrations()).isEqualTo(2);
        assertThat(fake.requests("POST", "/v1/agents/agent-2/results")).isNotEmpty();
    }

    @Test
    void register_serverErrorsAtFirst_retriesUntilRegistered() {
        api.failRegistrations.set(3);
        start(1, ctx -> ctx.input());

        await(() -> worker.agentId() != null, "the agent registers eventually");

        assertThat(fake.requests("POST", "/v1/agents")).hasSize(4);
        assertThat(worker.failure()).isNull();
    }

    @Test
    void register_unauthorized_stopsWorkerWithFailure() throws InterruptedException {
        api.registerStatus = 401;
        start(1, ctx -> ctx.input());

        assertThat(worker.awaitTermination(Duration.ofSeconds(30))).isTrue();
        assertThat(worker.failure()).isInstanceOfSatisfying(BatonApiException.class,
                e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void close_taskRunning_drainsReportsThenDeregisters() {
        CountDownLatch started = new CountDownLatch(1);
        api.lease("t-1", "echo", IntNode.valueOf(5));
        start(1, ctx -> {
            started.countDown();
            Thread.sleep(200);
            return ctx.input();
        });
        await(() -> started.getCount() == 0, "t-1 starts");

        worker.close();

        assertThat(worker.isTerminated()).isTrue();
        assertThat(api.resultOf("t-1")).isNotNull();
        List<FakeBaton.Request> requests = fake.requests();
        int resultsAt = indexOf(requests, "POST", "/v1/agents/agent-1/results");
        int deleteAt = indexOf(requests, "DELETE", "/v1/agents/agent-1");
        assertThat(resultsAt).isNotNegative();
        assertThat(deleteAt).isGreaterThan(resultsAt);
        assertThat(requests.subList(deleteAt + 1, requests.size())).isEmpty();
    }

    @Test
    void close_neverStarted_returnsWithoutRequests() {
        AgentWorker idle = AgentWorker.builder(fake.url(), "t", "idle", List.of("echo"), 1, ctx -> null).build();

        idle.close();

        assertThat(idle.isTerminated()).isTrue();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void taskContext_heartbeat_postsAttemptToTaskHeartbeat() {
        api.lease("t-1", "echo", IntNode.valueOf(1));
        start(1, ctx -> BooleanNode.valueOf(ctx.heartbeat()));

        await(() -> api.resultOf("t-1") != null, "t-1 is reported");

        assertThat(api.resultOf("t-1").output().asBoolean()).isTrue();
        FakeBaton.Request beat = fake.requests("POST", "/v1/tasks/t-1/heartbeat").getFirst();
        assertThat(beat.json().path("attempt").asInt()).isEqualTo(1);
    }

    private static int indexOf(List<FakeBaton.Request> requests, String method, String path) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).method().equals(method) && requests.get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    /** Polls {@code condition} until it holds; fails after a generous 30 s. */
    static void await(BooleanSupplier condition, String what) {
        long deadlineNanos = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
