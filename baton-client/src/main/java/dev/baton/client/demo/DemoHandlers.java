package dev.baton.client.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.client.BatonJson;
import dev.baton.client.TaskContext;
import dev.baton.client.TaskFailure;
import dev.baton.client.TaskHandler;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Demo capabilities for trying Baton out ({@code baton agent --demo}, {@code baton dev}):
 * {@code echo} returns its input; {@code sleep} sleeps {@code input.ms} milliseconds (default
 * 1000, at most {@value #MAX_SLEEP_MS}) while heartbeating and returns {@code {"sleptMs":n}};
 * {@code flaky} fails with the retryable code {@code FLAKY} on about 30% of attempts and
 * otherwise echoes; {@code approve} asks a human ({@code awaiting_input}) to approve its input, with the answer
 * schema {@code {"approved": boolean, "comment"?: string}}, and returns the answer once given. Stateless; the
 * handler is thread-safe.
 */
public final class DemoHandlers {
    /** Capability that returns its input. */
    public static final String ECHO = "echo";
    /** Capability that sleeps for {@code input.ms} milliseconds. */
    public static final String SLEEP = "sleep";
    /** Capability that fails now and then. */
    public static final String FLAKY = "flaky";
    /** Capability that waits for a human's approval. */
    public static final String APPROVE = "approve";
    /** The JSON Schema of an {@code approve} answer. */
    public static final String APPROVAL_SCHEMA = "{\"type\":\"object\",\"required\":[\"approved\"],"
            + "\"properties\":{\"approved\":{\"type\":\"boolean\"},\"comment\":{\"type\":\"string\","
            + "\"maxLength\":1000}},\"additionalProperties\":false}";
    /** Error code of a {@code flaky} failure. */
    public static final String FLAKY_CODE = "FLAKY";
    static final long DEFAULT_SLEEP_MS = 1_000;
    static final long MAX_SLEEP_MS = 3_600_000;
    static final double FLAKY_FAILURE_RATE = 0.3;
    private static final long MAX_HEARTBEAT_GAP_MS = 1_000;

    private DemoHandlers() {}

    /** The demo capabilities: {@code echo}, {@code sleep}, {@code flaky}, {@code approve}. */
    public static List<String> capabilities() {
        return List.of(ECHO, SLEEP, FLAKY, APPROVE);
    }

    /** One handler serving every demo capability, dispatching on {@link TaskContext#capability()}. */
    public static TaskHandler handler() {
        return DemoHandlers::handle;
    }

    private static JsonNode handle(TaskContext ctx) throws InterruptedException {
        return switch (ctx.capability()) {
            case ECHO -> ctx.input();
            case SLEEP -> sleep(ctx);
            case FLAKY -> flaky(ctx);
            case APPROVE -> approve(ctx);
            default -> throw new TaskFailure("UNSUPPORTED_CAPABILITY",
                    "the demo agent does not serve '" + ctx.capability() + "'; it serves " + capabilities(), false);
        };
    }

    private static JsonNode sleep(TaskContext ctx) throws InterruptedException {
        long sleepMs = Math.min(requestedSleepMs(ctx.input().path("ms")), MAX_SLEEP_MS);
        long gapMs = ctx.heartbeatTimeoutMs() > 0
                ? Math.max(10, Math.min(MAX_HEARTBEAT_GAP_MS, ctx.heartbeatTimeoutMs() / 3))
                : MAX_HEARTBEAT_GAP_MS;
        long endNanos = System.nanoTime() + sleepMs * 1_000_000;
        long leftMs;
        while ((leftMs = (endNanos - System.nanoTime()) / 1_000_000) > 0) {
            Thread.sleep(Math.min(leftMs, gapMs));
            if (endNanos - System.nanoTime() > 0) {
                ctx.heartbeat();
            }
        }
        ObjectNode output = BatonJson.object();
        output.put("sleptMs", sleepMs);
        return output;
    }

    private static long requestedSleepMs(JsonNode ms) {
        if (ms.isMissingNode() || ms.isNull()) {
            return DEFAULT_SLEEP_MS;
        }
        if (ms.isIntegralNumber() && ms.canConvertToLong() && ms.asLong() >= 0) {
            return ms.asLong();
        }
        throw new TaskFailure("INVALID_INPUT", "input.ms must be a non-negative whole number of milliseconds, got "
                + ms, false);
    }

    /** First attempt: asks {@code input.question} (or a default); once answered: the answer and the input. */
    private static JsonNode approve(TaskContext ctx) {
        JsonNode answer = ctx.answer();
        if (answer == null) {
            String question = ctx.input().path("question").asText("Approve this task?");
            throw ctx.requestInput(question.isBlank() ? "Approve this task?" : question,
                    BatonJson.parse(APPROVAL_SCHEMA));
        }
        ObjectNode output = BatonJson.object();
        output.set("approved", answer.path("approved"));
        if (answer.has("comment")) {
            output.set("comment", answer.get("comment"));
        }
        output.set("input", ctx.input());
        return output;
    }

    private static JsonNode flaky(TaskContext ctx) {
        if (ThreadLocalRandom.current().nextDouble() < FLAKY_FAILURE_RATE) {
            throw new TaskFailure(FLAKY_CODE, "the flaky demo capability failed attempt " + ctx.attempt()
                    + " on purpose", true);
        }
        return ctx.input();
    }
}
