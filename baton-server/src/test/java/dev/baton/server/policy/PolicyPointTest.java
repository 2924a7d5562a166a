package dev.baton.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.server.policy.PolicyPoint.Decision;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The decision point's answers, timeouts, fail-closed/fail-open and cache, against a loopback fake OPA. */
class PolicyPointTest {
    static ObjectNode input(String role, String action) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.putObject("principal").put("role", role);
        input.put("action", action);
        input.putObject("resource").put("path", "/v1/tasks");
        return input;
    }

    /** A generous timeout: a busy test machine must not turn an answer into a failure. */
    static PolicySettings settings(URI url, boolean failOpen, long cacheMs) {
        return new PolicySettings(url, 5_000, failOpen, cacheMs, 100);
    }

    static PolicySettings quickTimeout(URI url, boolean failOpen) {
        return new PolicySettings(url, 300, failOpen, 0, 100);
    }

    @Test
    void decide_trueAllows_falseOrUndefinedDenies() throws Exception {
        try (FakeOpa opa = new FakeOpa(in -> switch (in.path("principal").path("role").asText()) {
            case "admin" -> true;
            case "viewer" -> false;
            default -> null;
        })) {
            PolicyPoint policy = new PolicyPoint(settings(opa.url(), false, 0));

            assertThat(policy.decide(input("admin", "POST /v1/tasks"))).isEqualTo(Decision.ALLOWED);
            assertThat(policy.decide(input("viewer", "POST /v1/tasks"))).isEqualTo(Decision.DENIED);
            assertThat(policy.decide(input("agent", "POST /v1/tasks"))).isEqualTo(Decision.DENIED);
            assertThat(opa.inputs().getFirst().path("action").asText()).isEqualTo("POST /v1/tasks");
        }
    }

    @Test
    void decide_slowOrFailingServer_failsClosed_orOpenWhenConfigured() throws Exception {
        try (FakeOpa opa = new FakeOpa(in -> true)) {
            opa.delayMs(3_000);
            assertThat(new PolicyPoint(quickTimeout(opa.url(), false)).decide(input("admin", "x")))
                    .isEqualTo(Decision.UNAVAILABLE);
            assertThat(new PolicyPoint(quickTimeout(opa.url(), true)).decide(input("admin", "x")))
                    .isEqualTo(Decision.ALLOWED);
            opa.delayMs(0);
            opa.status(500);
            assertThat(new PolicyPoint(settings(opa.url(), false, 0)).decide(input("admin", "x")))
                    .isEqualTo(Decision.UNAVAILABLE);
        }
        assertThat(new PolicyPoint(settings(URI.create("http://127.0.0.1:1"), false, 0)).decide(input("admin", "x")))
                .isEqualTo(Decision.UNAVAILABLE);
    }

    @Test
    void decide_cachesServerDecisionsForCacheMs_neverFailures() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        try (FakeOpa opa = new FakeOpa(in -> true)) {
            PolicyPoint policy = new PolicyPoint(settings(opa.url(), false, 5_000), now::get);
            policy.decide(input("admin", "a"));
            policy.decide(input("admin", "a"));
            assertThat(policy.asked()).isEqualTo(1);
            policy.decide(input("admin", "b"));
            assertThat(policy.asked()).isEqualTo(2);

            now.addAndGet(5_001);
            opa.rule(in -> false);
            assertThat(policy.decide(input("admin", "a"))).isEqualTo(Decision.DENIED);
            assertThat(policy.asked()).isEqualTo(3);

            opa.status(503);
            now.addAndGet(5_001);
            policy.decide(input("admin", "a"));
            policy.decide(input("admin", "a"));
            assertThat(policy.asked()).isEqualTo(5);
        }
    }
}
