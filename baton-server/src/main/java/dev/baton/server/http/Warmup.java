package dev.baton.server.http;

import dev.baton.api.PollResponse;
import dev.baton.api.RegisterAgentRequest;
import dev.baton.api.ResultsRequest;
import dev.baton.api.SubmitTaskRequest;
import dev.baton.api.TaskState;
import dev.baton.core.codec.CommandCodec;
import dev.baton.core.command.Command;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.SubmitTasks;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the leader's request path once, on a scratch state, when a node starts: decode a submission, apply submit,
 * register, lease and report on a throwaway {@link BatonState}, encode the commands and render the replies. A
 * follower never runs that path, so without this the first writes after it becomes leader pay for class loading
 * and Jackson's serializer construction (a few hundred milliseconds on a small machine) in the middle of a
 * failover. Touches no replicated or shared state.
 */
final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    private Warmup() {}

    /**
     * Runs the warm-up, then {@code more} (the forwarder's HTTP client), on a background virtual thread; failures
     * are logged and otherwise ignored.
     */
    static void startInBackground(Runnable more) {
        Thread.ofVirtual().name("baton-warmup").start(() -> {
            try {
                long started = System.nanoTime();
                run();
                more.run();
                LOG.debug("warm-up took {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("warm-up failed (harmless): {}", e.toString());
            }
        });
    }

    static void run() {
        byte[] submit = "{\"capability\":\"warmup\",\"input\":{\"text\":\"hi\"},\"priority\":3,\"idempotencyKey\":\"w\"}"
                .getBytes(StandardCharsets.UTF_8);
        var spec = TaskRequests.toSpec(Json.read(submit, SubmitTaskRequest.class), "");
        Json.read("{\"name\":\"w\",\"capabilities\":[\"warmup\"],\"maxConcurrency\":1}".getBytes(StandardCharsets.UTF_8),
                RegisterAgentRequest.class);
        Json.read("{\"results\":[{\"taskId\":\"t_w\",\"attempt\":1,\"status\":\"succeeded\",\"output\":{}}]}"
                .getBytes(StandardCharsets.UTF_8), ResultsRequest.class);
        BatonState scratch = new BatonState();
        List<Command> commands = List.of(
                new SubmitTasks(List.of(new SubmitTask("t_w", spec, 1)), 1),
                new RegisterAgent("a_w", "w", List.of("warmup"), Map.of(), 1, 1),
                new LeaseTasks("a_w", List.of("t_w"), 2),
                new ReportResults("a_w", List.of(new ReportResults.Report("t_w", 1, TaskState.SUCCEEDED, "{}", null,
                        0)), 3));
        CommandCodec.decode(CommandCodec.encode(commands));
        for (Command command : commands) {
            Outcome outcome = scratch.apply(command, event -> { });
            if (outcome instanceof Outcome.Each each && each.outcomes().getFirst() instanceof Outcome.TaskOutcome t) {
                render(t.task());
            }
        }
        scratch.taskById("t_w").ifPresent(Warmup::render);
    }

    private static void render(Task task) {
        Json.write(Views.task(task));
        Json.write(new PollResponse(List.of(Views.leased(task, 30_000))));
    }
}
