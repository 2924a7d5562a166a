package dev.baton.server.metrics;

import dev.baton.core.state.Breaker;
import dev.baton.server.state.StateStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * Circuit breakers per agent, refreshed at scrape time from the replicated state: {@code baton_agent_breaker_open}
 * (1 open, 0.5 half-open, 0 closed) and {@code baton_agent_breaker_opens} (how many times it opened). Agents that
 * left drop out of both. Thread-safe through the store's read lock.
 */
final class BreakerMetrics {
    private final StateStore store;
    private final MultiGauge open;
    private final MultiGauge opens;

    BreakerMetrics(StateStore store, MeterRegistry registry) {
        this.store = store;
        this.open = MultiGauge.builder("baton_agent_breaker_open")
                .description("Agent circuit breaker: 1 open, 0.5 half-open (next task is a probe), 0 closed")
                .register(registry);
        this.opens = MultiGauge.builder("baton_agent_breaker_opens")
                .description("Times the agent's circuit breaker opened").register(registry);
    }

    void refresh(long nowMs) {
        record Row(String agentId, Breaker breaker) {}
        List<Row> rows = store.read(s -> s.agents().stream().map(a -> new Row(a.id(), s.healthOf(a.id()).breaker()))
                .toList());
        open.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("agent", r.agentId()),
                switch (r.breaker().state(nowMs)) {
                    case "open" -> 1.0;
                    case "half_open" -> 0.5;
                    default -> 0.0;
                })).toList(), true);
        opens.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("agent", r.agentId()), r.breaker().opens()))
                .toList(), true);
    }
}
