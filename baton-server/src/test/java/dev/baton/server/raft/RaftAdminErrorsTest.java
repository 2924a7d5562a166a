package dev.baton.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.junit.jupiter.api.Test;

class RaftAdminErrorsTest {

    @Test
    void retryable_reconfigurationTimeout_becomesRetryableWithReason() {
        Throwable mapped = RaftAdmin.retryable(new ReconfigurationTimeoutException("staging timed out"));
        assertThat(mapped).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("membership change timed out").hasMessageContaining("staging timed out");
    }

    @Test
    void retryable_inProgressAndSteppingDown_becomeRetryable() {
        assertThat(RaftAdmin.retryable(new ReconfigurationInProgressException("busy")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("in progress");
        assertThat(RaftAdmin.retryable(new LeaderSteppingDownException("going")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stepping down");
    }

    @Test
    void retryable_ratisNotLeader_becomesBatonNotLeader() {
        assertThat(RaftAdmin.retryable(new org.apache.ratis.protocol.exceptions.NotLeaderException(
                org.apache.ratis.protocol.RaftGroupMemberId.valueOf(org.apache.ratis.protocol.RaftPeerId.valueOf("n1"),
                        org.apache.ratis.protocol.RaftGroupId.randomId()), null, java.util.List.of())))
                .isInstanceOf(dev.baton.server.control.NotLeaderException.class);
    }

    @Test
    void retryable_otherFailures_passThrough() {
        StateMachineException broken = new StateMachineException("apply failed");
        assertThat(RaftAdmin.retryable(broken)).isSameAs(broken);
        assertThat(RaftAdmin.retryable(null)).isInstanceOf(IllegalStateException.class);
    }
}
