package dev.baton.client.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.baton.client.BatonJson;
import dev.baton.client.TaskContext;
import dev.baton.client.TaskFailure;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DemoHandlersTest {

    /** A context that counts heartbeats. */
    private static final class FakeContext implements TaskContext {
        final String capability;
        final JsonNode input;
        final AtomicInteger heartbeats = new AtomicInteger();

        FakeContext(String capability, String inputJson) {
            this.capability = capability;
            this.input = inputJson == null ? NullNode.getInstance() : BatonJson.parse(inputJson);
        }

        @Override
        public String taskId() {
            return "t-1";
        }

        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public String capability() {
            return capability;
        }

        @Override
        public JsonNode input() {
            return input;
        }

        @Override
        public long heartbeatTimeoutMs() {
            return 30;
        }

        @Override
        public boolean heartbeat() {
            heartbeats.incrementAndGet();
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

    @Test
    void capabilities_areEchoSleepFlaky() {
        assertThat(DemoHandlers.capabilities()).containsExactly("echo", "sleep", "flaky", "approve");
    }

    @Test
    void echo_anyInput_returnsItUnchanged() throws Exception {
        FakeContext ctx = new FakeContext("echo", "{\"a\":[1,2]}");

        assertThat(DemoHandlers.handler().handle(ctx)).isEqualTo(ctx.input());
    }

    @Test
    void sleep_givenMs_returnsSleptMsAndHeartbeats() throws Exception {
        FakeContext ctx = new FakeContext("sleep", "{\"ms\":100}");

        JsonNode output = DemoHandlers.handler().handle(ctx);

        assertThat(output.path("sleptMs").asLong()).isEqualTo(100);
        assertThat(ctx.heartbeats.get()).isPositive();
    }

    @Test
    void sleep_negativeMs_failsAsInvalidInput() {
        FakeContext ctx = new FakeContext("sleep", "{\"ms\":-1}");

        assertThatThrownBy(() -> DemoHandlers.handler().handle(ctx))
                .isInstanceOfSatisfying(TaskFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("INVALID_INPUT");
                    assertThat(f.retryable()).isFalse();
                });
    }

    @Test
    void flaky_manyAttempts_eitherEchoesOrFailsRetryablyWithFlaky() {
        int failures = 0;
        for (int i = 0; i < 500; i++) {
            FakeContext ctx = new FakeContext("flaky", "{\"n\":" + i + "}");
            try {
                assertThat(DemoHandlers.handler().handle(ctx)).isEqualTo(ctx.input());
            } catch (TaskFailure f) {
                assertThat(f.code()).isEqualTo("FLAKY");
                assertThat(f.retryable()).isTrue();
                failures++;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        assertThat(failures).as("some but not all of 500 attempts fail").isBetween(1, 499);
    }

    @Test
    void handle_unknownCapability_failsNonRetryably() {
        FakeContext ctx = new FakeContext("translate", null);

        assertThatThrownBy(() -> DemoHandlers.handler().handle(ctx))
                .isInstanceOfSatisfying(TaskFailure.class, f -> assertThat(f.retryable()).isFalse());
    }
}
