package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.AttemptView;
import dev.baton.api.StepState;
import dev.baton.api.SubmitWorkflowRequest;
import dev.baton.api.TaskView;
import dev.baton.api.WorkflowState;
import dev.baton.api.WorkflowView;
import dev.baton.client.AgentWorker;
import dev.baton.client.BatonClient;
import dev.baton.client.BatonException;
import dev.baton.client.BatonJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 5-step diamond of {@code docs/examples/diamond.json} on three real {@code baton server} processes: the leader
 * is killed with {@code kill -9} while the middle steps run; the workflow still completes, each step's task records
 * exactly one successful attempt and one result (the one its step passed on), and the restarted node converges to
 * the same state digest. Every wait is bounded.
 */
class WorkflowFailoverIT {
    static final String CAPABILITY = "echo";
    static final Duration STEP_MS = Duration.ofMillis(1_500);

    @TempDir
    Path root;

    @Test
    void diamond_leaderKilledMidway_completesWithEveryStepRecordedOnce() throws Exception {
        try (ClusterProcesses cluster = new ClusterProcesses(root, 3)) {
            cluster.startAll();
            cluster.awaitLeader();
            List<AgentWorker> agents = startAgents(cluster.urls(), 2);
            try (BatonClient client = BatonClient.builder(cluster.urls()).token(ClusterProcesses.ADMIN_TOKEN)
                    .failoverWindow(Duration.ofSeconds(60)).build()) {
                JsonNode file = BatonJson.parse(Files.readString(WorkflowIT.EXAMPLES.resolve("diamond.json")));
                WorkflowView submitted = client.submitWorkflow(BatonJson.convert(file, SubmitWorkflowRequest.class));

                awaitStep(client, submitted.id(), "left", StepState.STARTED);
                ClusterProcesses.Node leader = cluster.node(cluster.awaitLeader());
                cluster.kill9(leader);

                WorkflowView done = client.waitForWorkflow(submitted.id(), Duration.ofSeconds(120));
                assertThat(done.state()).as(BatonJson.write(done)).isEqualTo(WorkflowState.SUCCEEDED);
                assertThat(done.steps().getLast().output().toString())
                        .isEqualTo("{\"report\":[1,2],\"name\":\"nightly\"}");
                for (WorkflowView.Step step : done.steps()) {
                    TaskView task = client.getTask(step.taskId());
                    long successes = task.attempts().stream().map(AttemptView::outcome)
                            .filter("succeeded"::equals).count();
                    assertThat(successes).as("successful attempts of step " + step.id()).isEqualTo(1);
                    assertThat(task.result()).as("result of step " + step.id()).isEqualTo(step.output());
                }

                cluster.launch(leader, false);
                cluster.awaitReady(leader);
                cluster.awaitSameDigest();
            } finally {
                for (AgentWorker agent : agents) {
                    agent.close();
                }
            }
        }
    }

    /** Echo agents that take {@link #STEP_MS} per task, so the kill lands while the middle steps run. */
    private static List<AgentWorker> startAgents(String urls, int count) {
        String[] nodes = urls.split(",");
        List<AgentWorker> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> order = new ArrayList<>();
            for (int j = 0; j < nodes.length; j++) {
                order.add(nodes[(i + j) % nodes.length]);
            }
            agents.add(AgentWorker.builder(String.join(",", order), ClusterProcesses.AGENT_TOKEN, "wf-agent-" + i,
                    List.of(CAPABILITY), 4, ctx -> {
                        Thread.sleep(STEP_MS.toMillis());
                        return ctx.input();
                    }).build().start());
        }
        return agents;
    }

    private static void awaitStep(BatonClient client, String workflowId, String stepId, StepState state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        WorkflowView last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = client.getWorkflow(workflowId);
                if (last.steps().stream().anyMatch(s -> s.id().equals(stepId) && s.state() == state)) {
                    return;
                }
            } catch (BatonException e) {
                // a node may still be settling; try again
            }
            Thread.sleep(50);
        }
        throw new AssertionError("step " + stepId + " never reached " + state + ": "
                + (last == null ? "no reply" : BatonJson.write(last)));
    }
}
