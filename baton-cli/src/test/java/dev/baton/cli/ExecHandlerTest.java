package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.client.BatonJson;
import dev.baton.client.TaskContext;
import dev.baton.client.TaskFailure;
import org.junit.jupiter.api.Test;

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
}
