package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.client.BatonJson;
import dev.baton.client.TaskContext;
import dev.baton.client.TaskFailure;
import dev.baton.client.TaskHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs a shell command ({@code /bin/sh -c CMD}) once per task with the task input as JSON on
 * standard input. Exit 0 succeeds with standard output parsed as JSON, or wrapped as
 * {@code {"stdout":"..."}} when it is not JSON; a non-zero exit fails with {@code EXIT_<n>}
 * (retryable) and the tail of standard error as the message. The process gets
 * {@code BATON_TASK_ID}, {@code BATON_TASK_ATTEMPT} and {@code BATON_CAPABILITY} in its
 * environment and is killed with its descendants when the attempt is stopped. The shell ignores
 * SIGINT (and so do the programs it starts, unless they reset it) so that Ctrl-C on the agent
 * drains running commands instead of killing them.
 *
 * <p>Thread-safe: each call starts its own process and reader threads.
 */
final class ExecHandler implements TaskHandler {
    static final int MAX_STDOUT_BYTES = 4 * 1024 * 1024;
    static final int STDERR_TAIL_BYTES = 2_000;
    static final long MAX_HEARTBEAT_GAP_MS = 5_000;
    private static final String IGNORE_SIGINT = "trap '' INT; ";

    private final String command;

    ExecHandler(String command) {
        this.command = command;
    }

    @Override
    public JsonNode handle(TaskContext ctx) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", IGNORE_SIGINT + command);
        builder.environment().put("BATON_TASK_ID", ctx.taskId());
        builder.environment().put("BATON_TASK_ATTEMPT", Integer.toString(ctx.attempt()));
        builder.environment().put("BATON_CAPABILITY", ctx.capability());
        Process process = builder.start();
        try {
            StreamCapture stdout = StreamCapture.head(process.getInputStream(), MAX_STDOUT_BYTES);
            StreamCapture stderr = StreamCapture.tail(process.getErrorStream(), STDERR_TAIL_BYTES);
            Thread outReader = Thread.ofVirtual().start(stdout);
            Thread errReader = Thread.ofVirtual().start(stderr);
            Thread writer = Thread.ofVirtual().start(() -> writeInput(process, ctx.input()));
            long gapMs = heartbeatGapMs(ctx);
            while (!process.waitFor(gapMs, TimeUnit.MILLISECONDS)) {
                ctx.heartbeat();
            }
            writer.join();
            outReader.join();
            errReader.join();
            return outcome(process.exitValue(), stdout, stderr);
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private static JsonNode outcome(int exitCode, StreamCapture stdout, StreamCapture stderr) {
        if (exitCode != 0) {
            String tail = stderr.text().strip();
            throw new TaskFailure("EXIT_" + exitCode, tail.isEmpty() ? "the command exited with " + exitCode
                    : (stderr.overflowed() ? "…" : "") + tail, true);
        }
        if (stdout.overflowed()) {
            throw new TaskFailure("OUTPUT_TOO_LARGE", "the command wrote more than " + MAX_STDOUT_BYTES
                    + " bytes to standard output", false);
        }
        String text = stdout.text();
        try {
            return BatonJson.parse(text);
        } catch (IllegalArgumentException notJson) {
            ObjectNode wrapped = BatonJson.object();
            wrapped.put("stdout", text.stripTrailing());
            return wrapped;
        }
    }

    private static void writeInput(Process process, JsonNode input) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(BatonJson.write(input).getBytes(StandardCharsets.UTF_8));
            stdin.write('\n');
        } catch (IOException e) {
            // The command need not read its input; a closed pipe is fine.
        }
    }

    private static long heartbeatGapMs(TaskContext ctx) {
        long timeoutMs = ctx.heartbeatTimeoutMs();
        return timeoutMs > 0 ? Math.clamp(timeoutMs / 3, 100, MAX_HEARTBEAT_GAP_MS) : MAX_HEARTBEAT_GAP_MS;
    }

    /** The command this handler runs, for logs. */
    @Override
    public String toString() {
        return "exec " + command;
    }
}
