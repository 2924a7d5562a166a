package dev.baton.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutDecisionTest {
    private static final Strategy CONSENSUS_5_3 = Strategy.consensus(5, 3, "json");

    private static FanOutDecision.SourceResult ok(String output) {
        return new FanOutDecision.SourceResult("succeeded", output, null);
    }

    private static FanOutDecision.SourceResult failed() {
        return new FanOutDecision.SourceResult("failed", null, ErrorInfo.of("BOOM", "no", true));
    }

    @Test
    void consensus_quorumReached_succeedsWithTheGroupsFirstOutput() {
        var decision = FanOutDecision.decide(CONSENSUS_5_3,
                List.of(ok("{\"a\":1, \"b\":2}"), ok("{\"x\":9}"), ok("{\"b\":2,\"a\":1}"), ok("{\"a\":1,\"b\":2.0}")),
                1);
        assertThat(decision).isEqualTo(new FanOutDecision.Succeeded("{\"a\":1, \"b\":2}", 3));
    }

    @Test
    void consensus_quorumStillReachable_isPending() {
        assertThat(FanOutDecision.decide(CONSENSUS_5_3, List.of(ok("1"), ok("2"), failed()), 2))
                .isInstanceOf(FanOutDecision.Pending.class);
    }

    @Test
    void consensus_noGroupCanReachTheQuorum_failsNoConsensus() {
        var decision = FanOutDecision.decide(CONSENSUS_5_3, List.of(ok("1"), ok("2"), failed(), ok("3")), 1);
        assertThat(decision).isInstanceOfSatisfying(FanOutDecision.Failed.class, f -> {
            assertThat(f.error().code()).isEqualTo(ErrorCodes.NO_CONSENSUS);
            assertThat(f.error().retryable()).isFalse();
        });
    }

    @Test
    void race_firstSuccessWins_allFailedIsNoSuccess() {
        Strategy race = Strategy.race(3);
        assertThat(FanOutDecision.decide(race, List.of(failed(), ok("\"w\"")), 1))
                .isEqualTo(new FanOutDecision.Succeeded("\"w\"", 1));
        assertThat(FanOutDecision.decide(race, List.of(failed(), failed()), 1))
                .isInstanceOf(FanOutDecision.Pending.class);
        assertThat(FanOutDecision.decide(race, List.of(failed(), failed(), failed()), 0))
                .isInstanceOfSatisfying(FanOutDecision.Failed.class,
                        f -> assertThat(f.error().code()).isEqualTo(ErrorCodes.NO_SUCCESS));
    }
}
