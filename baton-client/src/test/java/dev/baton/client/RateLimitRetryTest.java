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
        return FakeBaton.Reply.problem(429, "Too many requests", "over the limit").withHeader("Retry-After", "1");
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
