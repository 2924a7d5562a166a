package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.NoopBenchRequest;
import dev.baton.api.NoopBenchResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Raft ceiling: asks the leader ({@code POST /v1/bench/noop}, admin) to commit {@link #COMMANDS_PER_TASK}
 * empty commands per task through its batching proposer, and turns commands/s into tasks/s. Three because a task's
 * life puts three transitions in the log: its submission, its lease and its result (the lease and the result share a
 * command with other tasks of the same poll or report; the ceiling gives each its own, so it is an upper bound on
 * what Raft alone could carry for that many transitions).
 */
final class CeilingRun {
    static final int COMMANDS_PER_TASK = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The ceiling measured: the leader's figures and the tasks/s they stand for. */
    record Result(NoopBenchResult noop, double tasksPerSecond) {}

    private CeilingRun() {}

    /** Commits up to {@code commands} no-ops with {@code outstanding} in flight for at most {@code duration}. */
    static Result run(String leaderUrl, String adminToken, int commands, int outstanding, Duration duration)
            throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(new NoopBenchRequest(commands, outstanding, duration.toMillis()));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(leaderUrl + "/v1/bench/noop"))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .timeout(duration.plusSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<byte[]> reply = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (reply.statusCode() != 200) {
                throw new IOException("POST /v1/bench/noop answered " + reply.statusCode() + ": "
                        + new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            NoopBenchResult noop = JSON.readValue(reply.body(), NoopBenchResult.class);
            return new Result(noop, noop.commandsPerSecond() / COMMANDS_PER_TASK);
        }
    }
}
