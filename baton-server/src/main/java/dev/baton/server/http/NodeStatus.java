package dev.baton.server.http;

import dev.baton.api.ClusterView;
import dev.baton.server.crypto.EntryCipher;
import dev.baton.server.raft.RaftAdmin;
import dev.baton.server.raft.RaftPosition;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What the HTTP layer needs to know about this node's place in the cluster. Thread-safe. */
public interface NodeStatus {
    String nodeId();

    /** True when this node is the leader and its control loop is ready to decide: writes are handled here. */
    boolean isLocalLeader();

    /** The leader's id, when known. */
    Optional<String> leaderId();

    /** The leader's HTTP base URL, when known. */
    Optional<String> leaderUrl();

    /** This node's Raft position now. */
    RaftPosition position();

    /** The cluster: this node's view, each member asked for its own report with {@code authorization}. */
    ClusterView cluster(String authorization);

    /** True when this node can serve requests: a leader is known and this node's state is caught up. */
    boolean ready();

    /** Completes once reads of the local state are linearizable (see {@link RaftAdmin#readBarrier()}). */
    CompletableFuture<Void> readBarrier();

    /** What this node seals its log entries and snapshots with: key ids only. */
    EntryCipher.Status encryption();

    /** Membership, leadership transfer and snapshots. */
    RaftAdmin admin();
}
