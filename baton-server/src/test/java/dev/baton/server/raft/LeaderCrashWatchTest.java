package dev.baton.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

class LeaderCrashWatchTest {
    @Test
    void turn_survivingVotersGoInIdOrder_leaderExcluded() {
        List<RaftPeer> voters = List.of(peer("n3"), peer("n1"), peer("n2"), peer("n5"), peer("n4"));
        RaftPeerId leader = RaftPeerId.valueOf("n2");
        assertThat(LeaderCrashWatch.turn(voters, RaftPeerId.valueOf("n1"), leader)).isZero();
        assertThat(LeaderCrashWatch.turn(voters, RaftPeerId.valueOf("n3"), leader)).isEqualTo(1);
        assertThat(LeaderCrashWatch.turn(voters, RaftPeerId.valueOf("n5"), leader)).isEqualTo(3);
    }

    @Test
    void turn_nonVoter_isMinusOne() {
        List<RaftPeer> voters = List.of(peer("n1"), peer("n2"), peer("n3"));
        assertThat(LeaderCrashWatch.turn(voters, RaftPeerId.valueOf("n9"), RaftPeerId.valueOf("n1"))).isEqualTo(-1);
    }

    @Test
    void refusesConnections_trueOnlyWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listening.getLocalPort();
            assertThat(LeaderCrashWatch.refusesConnections("127.0.0.1:" + port)).isFalse();
        }
        assertThat(LeaderCrashWatch.refusesConnections("127.0.0.1:" + port)).isTrue();
    }

    @Test
    void refusesConnections_malformedAddress_isNotProof() {
        assertThat(LeaderCrashWatch.refusesConnections("no-port-here")).isFalse();
    }

    private static RaftPeer peer(String id) {
        return RaftPeer.newBuilder().setId(id).setAddress("127.0.0.1:1").build();
    }
}
