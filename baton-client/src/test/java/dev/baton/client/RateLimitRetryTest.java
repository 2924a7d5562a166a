package dev.baton.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.api.AgentList;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK waits out a {@code 429} as {@code Retry-After} asks, within the failover window, then gives up. */
class RateLimitRetryTest {
    private FakeBaton fake;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeBaton();
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private static FakeBaton.Reply limited() {
        return new FakeBaton.Reply(429, "application/problem+json", BatonJson.write(new dev.baton.api.Problem(
                "https://baton.dev/problems/rate-limited", "Too many requests", 429, "over the limit", null, null)))
                .withHeader("Retry-After", "1");
    }

    @Test
    void call_429OfAnotherKind_isThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        fake.on("GET", "/v1/agents", r -> {
            calls.incrementAndGet();
            return FakeBaton.Reply.problem(429, "Budget exhausted", "spent").withHeader("Retry-After", "50000");
        });
        BatonClient client = BatonClient.builder(List.of(fake.url())).token("secret").build();

        assertThatThrownBy(client::agents).isInstanceOf(BatonApiException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void call_rateLimitedOnce_isSentAgainAfterRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        fake.on("GET", "/v1/agents", r -> calls.incrementAndGet() == 1 ? limited()
                : FakeBaton.Reply.json(200, "{\"agents\":[]}"));
        BatonClient client = BatonClient.builder(List.of(fake.url())).token("secret").build();

        long started = System.nanoTime();
        AgentList agents = client.agents();

        assertThat(agents.agents()).isEmpty();
        assertThat(calls).hasValue(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void call_stillLimitedWhenTheWindowEnds_throwsThe429() {
        fake.on("GET", "/v1/agents", r -> limited());
        BatonClient client = BatonClient.builder(List.of(fake.url())).token("secret")
                .failoverWindow(Duration.ofMillis(1_500)).build();

        assertThatThrownBy(client::agents).isInstanceOfSatisfying(BatonApiException.class,
                e -> assertThat(e.status()).isEqualTo(429));
    }
}
