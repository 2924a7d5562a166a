package dev.baton.core.state;

import static dev.baton.core.state.StateFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.ExpireAttempt;
import dev.baton.core.command.RecordFeedback;
import dev.baton.core.command.ReportResults;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores, breakers and feedback as apply keeps them. */
class HealthApplierTest {
    private final StateFixture f = new StateFixture();
    private int next;

    /** Submits a one-attempt task, leases it to {@code agent} at {@code atMs} and reports it after 100 ms. */
    private String run(String agent, boolean succeed, long atMs) {
        String id = "t" + next++;
        f.submit(id, StateFixture.spec("cap", new RetryPolicy(1, 1, 2.0, 1, List.of()), Timeouts.NONE), atMs);
        f.lease(agent, atMs, id);
        f.apply(new ReportResults(agent, List.of(new ReportResults.Report(id, 1,
                succeed ? TaskState.SUCCEEDED : TaskState.FAILED, succeed ? "{\"v\":1}" : null,
                succeed ? null : ErrorInfo.of("BOOM", "no", false), 0, 2.5)), atMs + 100));
        return id;
    }

    @Test
    void results_buildTheScoreWithLatencyAndCost() {
        f.registerAgent("a", 1, "cap");
        run("a", true, T0);
        run("a", false, T0 + 1_000);

        Score score = f.state.healthOf("a").score("cap");
        assertThat(score).isEqualTo(new Score(1, 1, 2, 200, 5.0));
        assertThat(score.view(9).meanLatencyMs()).isEqualTo(100);
        assertThat(score.view(9).meanCost()).isEqualTo(2.5);
        assertThat(Score.NONE.view(9).meanCost()).as("declared cost before any result").isEqualTo(9);
    }

    @Test
    void breaker_fiveFailuresInARow_opensThenHalfOpensAfterTheCoolDown_andASuccessClosesIt() {
        f.registerAgent("a", 1, "cap");
        for (int i = 0; i < Breaker.CONSECUTIVE_FAILURES - 1; i++) {
            run("a", false, T0 + i * 1_000L);
        }
        assertThat(f.state.healthOf("a").breaker().state(T0 + 10_000)).isEqualTo("closed");
        long tripAt = T0 + 20_000;
        run("a", false, tripAt);

        Breaker open = f.state.healthOf("a").breaker();
        assertThat(open.state(tripAt + 100)).isEqualTo("open");
        assertThat(open.openedAtMs()).isEqualTo(tripAt + 100);
        assertThat(open.state(tripAt + 100 + Breaker.COOL_DOWN_MS)).isEqualTo("half_open");
        assertThat(open.opens()).isEqualTo(1);

        run("a", true, tripAt + 100 + Breaker.COOL_DOWN_MS);
        assertThat(f.state.healthOf("a").breaker().state(tripAt + 100 + Breaker.COOL_DOWN_MS + 200))
                .isEqualTo("closed");
        assertThat(f.state.healthOf("a").breaker().consecutiveFailures()).isZero();
    }

    @Test
    void breaker_failedProbe_reopensForAnotherCoolDown() {
        f.registerAgent("a", 1, "cap");
        for (int i = 0; i < Breaker.CONSECUTIVE_FAILURES; i++) {
            run("a", false, T0);
        }
        long probeAt = T0 + 100 + Breaker.COOL_DOWN_MS;
        run("a", false, probeAt);

        Breaker breaker = f.state.healthOf("a").breaker();
        assertThat(breaker.openedAtMs()).isEqualTo(probeAt + 100);
        assertThat(breaker.state(probeAt + 200)).isEqualTo("open");
        assertThat(breaker.opens()).isEqualTo(2);
    }

    @Test
    void breaker_errorRateOverTheWindow_opensWithoutFiveInARow() {
        f.registerAgent("a", 1, "cap");
        for (int i = 0; i < Breaker.MIN_WINDOW; i++) {
            run("a", i % 2 == 0, T0 + i * 1_000L); // alternate: never two failures in a row, 50 % errors
        }
        Breaker breaker = f.state.healthOf("a").breaker();
        assertThat(breaker.open()).isTrue();
        assertThat(breaker.errorRatePercent()).isEqualTo(50);
        assertThat(breaker.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void expiredAttempt_countsAsAFailure() {
        f.registerAgent("a", 1, "cap");
        f.submit("t", StateFixture.spec("cap"), T0);
        f.lease("a", T0, "t");
        f.apply(new ExpireAttempt("t", 1, ErrorInfo.of(ErrorCodes.LEASE_EXPIRED, "gone", true), 0, T0 + 30_000));

        assertThat(f.state.healthOf("a").score("cap").failures()).isEqualTo(1);
        assertThat(f.state.healthOf("a").breaker().consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void feedback_creditsTheProducingAgentOncePerSucceededTask() {
        f.registerAgent("a", 1, "cap");
        String ok = run("a", true, T0);
        String bad = run("a", false, T0 + 1_000);

        assertThat(f.apply(new RecordFeedback(ok, 0.25, T0 + 2_000))).isEqualTo(new Outcome.Done(1));
        assertThat(f.state.healthOf("a").score("cap").successes()).isEqualTo(1.25);
        assertThat(f.state.healthOf("a").score("cap").failures()).isEqualTo(1.75);
        assertThat(f.state.feedbackFor(ok)).contains(0.25);

        assertThat(f.apply(new RecordFeedback(ok, 1, T0 + 3_000))).isInstanceOf(Outcome.Rejected.class);
        assertThat(f.apply(new RecordFeedback(bad, 1, T0 + 3_000))).isInstanceOf(Outcome.Rejected.class);
        assertThat(f.apply(new RecordFeedback("nope", 1, T0 + 3_000))).isInstanceOf(Outcome.Rejected.class);
        assertThat(f.state.healthOf("a").score("cap").successes()).isEqualTo(1.25);
    }

    @Test
    void snapshot_keepsScoresBreakersAndFeedback() {
        f.registerAgent("a", 1, "cap");
        String ok = run("a", true, T0);
        f.apply(new RecordFeedback(ok, 1, T0 + 2_000));
        run("a", false, T0 + 3_000);

        BatonState restored = BatonState.fromSnapshot(SnapshotCodec.decode(SnapshotCodec.encode(
                f.state.toSnapshot())));

        assertThat(restored.healthOf("a")).isEqualTo(f.state.healthOf("a"));
        assertThat(restored.feedbackFor(ok)).contains(1.0);
        assertThat(restored.toSnapshot()).isEqualTo(f.state.toSnapshot());
    }
}
