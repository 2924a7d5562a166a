package dev.baton.server.raft;

/**
 * One node's own Raft position at a moment.
 *
 * @param role {@code leader}, {@code follower}, {@code candidate}, {@code listener} or {@code unknown}
 * @param leaderId the leader this node knows, or null
 * @param commitIndex the highest index this node knows to be committed
 * @param lastContactMs for a follower, milliseconds since it last heard from the leader; else null
 * @param leaderUrl the leader's HTTP base URL when known
 */
public record RaftPosition(String nodeId, String role, String leaderId, long term, long commitIndex,
                           long appliedIndex, Long lastContactMs, String leaderUrl) {
    /** Committed entries this node has not applied yet. */
    public long applyLagEntries() {
        return Math.max(0, commitIndex - appliedIndex);
    }

    public boolean isLeader() {
        return "leader".equals(role);
    }
}
