package dev.baton.api;

import java.util.List;

/** Reply of {@code GET /v1/cluster}. */
public record ClusterView(List<NodeView> nodes, String leader, long term, long commitIndex, long appliedIndex) {
    /** One Raft peer. */
    public record NodeView(String id, String address, String role) {}
}
