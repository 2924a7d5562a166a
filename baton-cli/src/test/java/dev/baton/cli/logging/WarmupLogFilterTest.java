package dev.baton.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import dev.baton.server.raft.RaftNode;
import org.junit.jupiter.api.Test;

class WarmupLogFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger ratis = context.getLogger("org.apache.ratis.grpc.server.GrpcLogAppender");
    private final Logger baton = context.getLogger("dev.baton.server.BatonNode");
    private final WarmupLogFilter filter = new WarmupLogFilter();

    @Test
    void decide_ratisWarningAboutTheScratchGroup_isDropped() {
        Object member = new Object() {
            @Override
            public String toString() {
                return RaftNode.WARMUP_PEER_PREFIX + "1@group-ABC";
            }
        };
        assertThat(filter.decide(null, ratis, Level.WARN, "{}: Lost leadership", new Object[] {member}, null))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, ratis, Level.ERROR, "Failed to resetClient for "
                + RaftNode.WARMUP_PEER_PREFIX + "0", null, null)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void decide_realClusterWarningsAndOtherLoggers_pass() {
        assertThat(filter.decide(null, ratis, Level.WARN, "{}: Lost leadership", new Object[] {"n1@group-XYZ"},
                null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, baton, Level.WARN, "peer " + RaftNode.WARMUP_PEER_PREFIX + "0", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, ratis, Level.INFO, RaftNode.WARMUP_PEER_PREFIX + "0 started", null, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
