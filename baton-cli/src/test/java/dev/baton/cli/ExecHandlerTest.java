package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.client.BatonJson;
import dev.baton.client.TaskContext;
import dev.baton.client.TaskFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecHandlerTest {

    /** A context for a task with the given input. */
    record FakeContext(JsonNode input) implements TaskContext {
        @Override
        public String taskId() {
            return "t-9";
        }

        @Override
        public int attempt() {
            return 2;
        }

        @Override
        public String capability() {
            return "shell";
        }

        @Override
        public long heartbeatTimeoutMs() {
            return 0;
        }

        @Override
        public boolean heartbeat() {
            return true;
        }

        @Override
        public void reportCost(double cost) {
            throw new UnsupportedOperationException("these handlers report no cost");
        }

        @Override
        public boolean stopRequested() {
            return false;
        }
    }

    private static FakeContext ctx(String inputJson) {
        return new FakeContext(BatonJson.parse(inputJson));
    }

    @Test
    void handle_jsonOnStdout_succeedsWithThatJson() throws Exception {
        JsonNode output = new ExecHandler("cat").handle(ctx("{\"a\":[1,2]}"));

        assertThat(output).isEqualTo(BatonJson.parse("{\"a\":[1,2]}"));
    }

    @Test
    void handle_plainTextOnStdout_wrapsItAsStdout() throws Exception {
        JsonNode output = new ExecHandler("echo hello world").handle(ctx("null"));

        assertThat(output).isEqualTo(BatonJson.parse("{\"stdout\":\"hello world\"}"));
    }

    @Test
    void handle_emptyStdout_wrapsEmptyString() throws Exception {
        JsonNode output = new ExecHandler("true").handle(ctx("1"));

        assertThat(output.path("stdout").asText()).isEmpty();
    }

    @Test
    void handle_environment_namesTaskAttemptAndCapability() throws Exception {
        JsonNode output = new ExecHandler("echo \"$BATON_TASK_ID $BATON_TASK_ATTEMPT $BATON_CAPABILITY\"")
                .handle(ctx("1"));

        assertThat(output.path("stdout").asText()).isEqualTo("t-9 2 shell");
    }

    @Test
    void handle_nonZeroExit_failsRetryablyWithExitCodeAndStderrTail() {
        ExecHandler handler = new ExecHandler("echo working; echo 'model quota exceeded' >&2; exit 3");

        assertThatThrownBy(() -> handler.handle(ctx("{}")))
                .isInstanceOfSatisfying(TaskFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("EXIT_3");
                    assertThat(f.getMessage()).isEqualTo("model quota exceeded");
                    assertThat(f.retryable()).isTrue();
                });
    }

    @Test
    void handle_longStderr_keepsOnlyTheTail() {
        ExecHandler handler = new ExecHandler("i=0; while [ $i -lt 2000 ]; do echo line$i >&2; i=$((i+1)); done; "
                + "echo last >&2; exit 1");

        assertThatThrownBy(() -> handler.handle(ctx("{}")))
                .isInstanceOfSatisfying(TaskFailure.class, f -> {
                    assertThat(f.getMessage()).endsWith("last").doesNotContain("line0\n");
                    assertThat(f.getMessage().length()).isLessThanOrEqualTo(ExecHandler.STDERR_TAIL_BYTES + 1);
                });
    }

    @Test
    void handle_commandIgnoresStdin_stillSucceeds() throws Exception {
        String big = "\"" + "x".repeat(200_000) + "\"";

        JsonNode output = new ExecHandler("echo '{\"ok\":true}'").handle(ctx(big));

        assertThat(output.path("ok").asBoolean()).isTrue();
    }

    @Test
    void handle_sigintToTheShell_isIgnoredSoCtrlCDrains() throws Exception {
        JsonNode output = new ExecHandler("kill -INT $$; echo alive").handle(ctx("1"));

        assertThat(output.path("stdout").asText()).isEqualTo("alive");
    }

    @Test
    void handle_interrupted_killsTheCommand(@TempDir Path dir)
            throws Exception {
        Path pidFile = dir.resolve("pid");
        ExecHandler handler = new ExecHandler("echo $$ > " + pidFile + "; exec sleep 60");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                handler.handle(ctx("1"));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        awaitTrue(() -> Files.exists(pidFile) && readPid(pidFile) > 0);
        long pid = readPid(pidFile);

        runner.interrupt();
        runner.join();

        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        awaitTrue(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    private static long readPid(Path file) {
        try {
            String text = Files.readString(file).strip();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 30 s");
            }
            Thread.sleep(10);
        }
    }
}
