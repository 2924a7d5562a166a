package dev.baton.server;

import dev.baton.api.ClusterView;
import dev.baton.server.cluster.ClusterReport;
import dev.baton.server.control.Control;
import dev.baton.server.crypto.EntryCipher;
import dev.baton.server.http.NodeStatus;
import dev.baton.server.raft.RaftAdmin;
import dev.baton.server.raft.RaftNode;
import dev.baton.server.raft.RaftPosition;
import dev.baton.server.raft.RaftSettings;
import dev.baton.server.state.StateStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link NodeStatus} over this node's Raft peer and control loop. Thread-safe. */
final class LocalNodeStatus implements NodeStatus {
    private final RaftNode raft;
    private final Control control;
    private final StateStore store;
    private final RaftSettings settings;
    private final ClusterReport report;
    private final EntryCipher cipher;

    LocalNodeStatus(RaftNode raft, Control control, StateStore store, RaftSettings settings,
                    javax.net.ssl.SSLContext peerTls, EntryCipher cipher) {
        this.cipher = cipher;
        this.raft = raft;
        this.control = control;
        this.store = store;
        this.settings = settings;
        this.report = new ClusterReport(raft, peerTls);
    }

    @Override
    public String nodeId() {
        return raft.nodeId();
    }

    /** The control loop leads and Raft still agrees: control hears of a lost leadership a moment later. */
    @Override
    public boolean isLocalLeader() {
        return control.isLeader() && raft.isLeaderReady();
    }

    @Override
    public Optional<String> leaderId() {
        return raft.leaderId();
    }

    @Override
    public Optional<String> leaderUrl() {
        return raft.leaderUrl();
    }

    @Override
    public RaftPosition position() {
        return raft.position();
    }

    @Override
    public ClusterView cluster(String authorization) {
        return report.build(authorization);
    }

    /**
     * Ready: a leader is known (and, on the leader, its control loop has taken over), this node has applied
     * something, is at most {@code readyMaxLagEntries} behind what it knows is committed, and — on a follower — has
     * heard from the leader within a few election timeouts.
     */
    @Override
    public boolean ready() {
        RaftPosition p = raft.position();
        if (p.leaderId() == null || store.appliedIndex() <= 0
                || p.applyLagEntries() > settings.readyMaxLagEntries()) {
            return false;
        }
        if (p.isLeader()) {
            return isLocalLeader();
        }
        return p.lastContactMs() == null || p.lastContactMs() <= settings.electionTimeoutMaxMs() * 3;
    }

    @Override
    public CompletableFuture<Void> readBarrier() {
        return raft.admin().readBarrier();
    }

    @Override
    public EntryCipher.Status encryption() {
        return cipher.status();
    }

    @Override
    public RaftAdmin admin() {
        return raft.admin();
    }
}
