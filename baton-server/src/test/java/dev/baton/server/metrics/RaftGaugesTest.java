package dev.baton.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.raft.RaftPosition;
import dev.baton.server.state.StateStore;
import java.lang.ref.WeakReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RaftGaugesTest {

    @Test
    void raftGaugesStillReadTheNodePositionAfterTheSupplierLostEveryOtherReference() {
        BatonMetrics metrics = new BatonMetrics(new StateStore());
        RaftPosition now = new RaftPosition("n1", "leader", "n1", 7, 42, 40, null, null);
        Supplier<RaftPosition> position = () -> now; // capturing, like BatonNode's raft::position: a fresh object
        WeakReference<Supplier<RaftPosition>> onlyWeak = new WeakReference<>(position);
        metrics.bindRaft(position);
        position = null;
        for (int i = 0; i < 5 && onlyWeak.get() != null; i++) {
            System.gc(); // a weakly held gauge state object would be cleared here and read NaN
        }

        String scrape = metrics.registry().scrape();

        assertThat(scrape).contains("baton_raft_is_leader 1.0", "baton_raft_term 7.0",
                "baton_raft_commit_index 42.0", "baton_raft_apply_lag_entries 2.0");
    }
}
