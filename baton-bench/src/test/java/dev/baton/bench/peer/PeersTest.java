package dev.baton.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeersTest {
    @Test
    void selected_allNoneAndNames() {
        assertThat(Peers.selected(List.of("all"))).containsExactly("jobrunr", "db-scheduler", "conductor");
        assertThat(Peers.selected(List.of("none"))).isEmpty();
        assertThat(Peers.selected(List.of("DB-Scheduler", "jobrunr", "jobrunr"))).containsExactly("db-scheduler",
                "jobrunr");
    }

    @Test
    void selected_unknownName_namesTheAcceptedOnes() {
        assertThatThrownBy(() -> Peers.selected(List.of("quartz")))
                .hasMessageContaining("quartz").hasMessageContaining("jobrunr,db-scheduler,conductor");
    }

    @Test
    void run_withoutPostgres_isSkippedWithTheReason() {
        PeerResult result = Peers.run("db-scheduler", 10, Duration.ofSeconds(5),
                "jdbc:postgresql://127.0.0.1:1/none", "nobody", null);

        assertThat(result.status()).isEqualTo("skipped");
        assertThat(result.reason()).contains("no PostgreSQL at jdbc:postgresql://127.0.0.1:1/none");
    }

    @Test
    void await_timeout_reportsTheRateOverTheJobsDone() throws Exception {
        AtomicLong done = new AtomicLong(3);

        PeerResult result = Peers.await("x", "1", "memory", 10, done, System.nanoTime(), Duration.ofMillis(50));

        assertThat(result.jobs()).isEqualTo(3);
        assertThat(result.reason()).contains("3 of 10");
        assertThat(result.jobsPerSecond()).isPositive();
    }
}
