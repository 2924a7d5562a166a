package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.api.AttemptView;
import dev.baton.api.SubmitTaskRequest;
import dev.baton.api.TaskState;
import dev.baton.api.TaskView;
import dev.baton.client.AgentWorker;
import dev.baton.client.BatonClient;
import dev.baton.client.BatonException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady load against a cluster while faults happen: a submitter thread sends tasks (each with an idempotency key)
 * at a fixed rate through the SDK, which fails over between nodes; SDK agents connected to every node run them.
 * {@link #checkInvariants} then proves what the cluster promises: every acknowledged task finished, each with
 * exactly one successful attempt and no attempt still open, and every node holds the same state.
 */
final class FaultWorkload implements AutoCloseable {
    static final String CAPABILITY = "fault-echo";

    private final BatonClient client;
    private final List<AgentWorker> agents = new ArrayList<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong failedSubmits = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private final long submitIntervalMs;
    private Thread submitter;

    FaultWorkload(String urls, int agentCount, long submitIntervalMs) {
        this.client = BatonClient.create(urls, ClusterProcesses.ADMIN_TOKEN);
        this.submitIntervalMs = submitIntervalMs;
        String[] nodeUrls = urls.split(",");
        for (int i = 0; i < agentCount; i++) {
            List<String> order = new ArrayList<>();
            for (int j = 0; j < nodeUrls.length; j++) {
                order.add(nodeUrls[(i + j) % nodeUrls.length]);
            }
            agents.add(AgentWorker.builder(String.join(",", order), ClusterProcesses.AGENT_TOKEN, "fault-agent-" + i,
                    List.of(CAPABILITY), 8, ctx -> {
                        Thread.sleep(5);
                        return ctx.input();
                    }).build().start());
        }
    }

    /** Starts submitting in the background. */
    void start() {
        running.set(true);
        submitter = Thread.ofVirtual().name("fault-submitter").start(() -> {
            long n = 0;
            while (running.get()) {
                String key = "fault-" + UUID.randomUUID();
                try {
                    TaskView task = client.submit(new SubmitTaskRequest(CAPABILITY,
                            JsonNodeFactory.instance.objectNode().put("n", n++), null, key, 5, null, null, null,
                            null));
                    acknowledged.put(task.id(), key);
                } catch (BatonException e) {
                    failedSubmits.incrementAndGet();
                }
                sleep(submitIntervalMs);
            }
        });
    }

    /** Stops submitting and waits for the submitter to finish its last call. */
    void stopSubmitting() throws InterruptedException {
        running.set(false);
        if (submitter != null) {
            submitter.join(Duration.ofSeconds(60));
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    long failedSubmits() {
        return failedSubmits.get();
    }

    /**
     * Waits for every acknowledged task to finish and checks it: succeeded, exactly one successful attempt, no
     * attempt left open, and at most one task per idempotency key.
     */
    void checkInvariants(Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        Set<String> keys = ConcurrentHashMap.newKeySet();
        for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
            String id = entry.getKey();
            TaskView task = client.waitForTask(id, Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())));
            assertThat(task.state()).as("task %s (acknowledged) did not finish in time: %s", id, task)
                    .isEqualTo(TaskState.SUCCEEDED);
            long successes = task.attempts().stream().filter(a -> "succeeded".equals(a.outcome())).count();
            assertThat(successes).as("successful attempts recorded for %s: %s", id, task.attempts()).isEqualTo(1);
            for (AttemptView attempt : task.attempts()) {
                assertThat(attempt.outcome()).as("attempt %d of %s still open on a finished task", attempt.attempt(),
                        id).isNotNull();
            }
            assertThat(keys.add(task.idempotencyKey())).as("two tasks for key %s", task.idempotencyKey()).isTrue();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopSubmitting();
        agents.forEach(a -> a.shutdown(Duration.ofSeconds(5)));
        client.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
