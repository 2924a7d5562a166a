package dev.baton.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.baton.api.BatchSubmitRequest;
import dev.baton.api.SubmitTaskRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResendRuleTest {
    private static final SubmitTaskRequest KEYED = new SubmitTaskRequest("echo", IntNode.valueOf(1), null, "k-1",
            null, null, null, null, null);
    private static final SubmitTaskRequest UNKEYED = SubmitTaskRequest.of("echo", IntNode.valueOf(1));

    @Test
    void safeToResend_reads_areSafe() {
        assertThat(ResendRule.safeToResend("GET", "/v1/tasks/t-1?waitMs=100", null)).isTrue();
    }

    @Test
    void safeToResend_submit_onlyWithIdempotencyKeys() {
        assertThat(ResendRule.safeToResend("POST", "/v1/tasks", KEYED)).isTrue();
        assertThat(ResendRule.safeToResend("POST", "/v1/tasks", UNKEYED)).isFalse();
        assertThat(ResendRule.safeToResend("POST", "/v1/tasks/batch", new BatchSubmitRequest(List.of(KEYED))))
                .isTrue();
        assertThat(ResendRule.safeToResend("POST", "/v1/tasks/batch",
                new BatchSubmitRequest(List.of(KEYED, UNKEYED)))).isFalse();
    }

    @Test
    void safeToResend_agentCalls_heartbeatResultsAndPollAreSafeRegisterIsNot() {
        assertThat(ResendRule.safeToResend("POST", "/v1/agents/a-1/heartbeat", null)).isTrue();
        assertThat(ResendRule.safeToResend("POST", "/v1/agents/a-1/results", null)).isTrue();
        assertThat(ResendRule.safeToResend("POST", "/v1/agents/a-1/poll", null)).isTrue();
        assertThat(ResendRule.safeToResend("POST", "/v1/tasks/t-1/heartbeat", null)).isTrue();
        assertThat(ResendRule.safeToResend("POST", "/v1/agents", null)).isFalse();
        assertThat(ResendRule.safeToResend("DELETE", "/v1/agents/a-1", null)).isFalse();
    }

    @Test
    void safeToResend_cancelIsSafeKeyChangesAreNot() {
        assertThat(ResendRule.safeToResend("POST", "/v1/tasks/t-1/cancel", null)).isTrue();
        assertThat(ResendRule.safeToResend("POST", "/v1/keys", null)).isFalse();
        assertThat(ResendRule.safeToResend("DELETE", "/v1/keys/k-1", null)).isFalse();
    }
}
