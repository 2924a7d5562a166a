package dev.baton.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.state.Breaker;
import dev.baton.core.state.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader's router honours circuit breakers: nothing for an open agent, one probe when half-open. */
class BreakerControlTest {
    private static final RetryPolicy ONCE = new RetryPolicy(1, 1, 2.0, 1, List.of());

    private static String breakerState(ControlHarness h, String agentId) {
        long now = h.clock.getAsLong();
        Breaker breaker = h.store.read(s -> s.healthOf(agentId).breaker());
        return breaker.state(now);
    }

    @Test
    void openBreaker_getsNoWork_halfOpenGetsOneProbe_successCloses() {
        ControlHarness h = new ControlHarness();
        String flaky = h.register("flaky", 4);
        for (int i = 0; i < Breaker.CONSECUTIVE_FAILURES; i++) {
            h.submit(ControlHarness.spec(ONCE, Timeouts.NONE));
            h.report(flaky, h.pollOne(flaky), TaskState.FAILED);
        }
        assertThat(breakerState(h, flaky)).isEqualTo("open");

        h.submit(ControlHarness.spec(ONCE, Timeouts.NONE));
        h.submit(ControlHarness.spec(ONCE, Timeouts.NONE));
        assertThat(h.await(h.control.poll(flaky, 4, 0))).as("open: no work").isEmpty();
        String healthy = h.register("healthy", 4);
        List<Task> toHealthy = h.pollNow(healthy, 1);
        assertThat(toHealthy).hasSize(1);

        h.stayAliveFor(flaky, Breaker.COOL_DOWN_MS);
        h.heartbeat(healthy, ControlHarness.ref(toHealthy.getFirst()));
        assertThat(breakerState(h, flaky)).isEqualTo("half_open");
        h.submit(ControlHarness.spec(ONCE, Timeouts.NONE));
        List<Task> probe = h.pollNow(flaky, 4);
        assertThat(probe).as("half-open: a single probe although two tasks wait").hasSize(1);
        assertThat(h.await(h.control.poll(flaky, 4, 0))).as("no second task while the probe runs").isEmpty();

        h.report(flaky, probe.getFirst(), TaskState.SUCCEEDED);

        assertThat(breakerState(h, flaky)).isEqualTo("closed");
        assertThat(h.pollNow(flaky, 4)).hasSize(1);
    }
}
