package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Reply of {@code GET /v1/cluster}: the cluster as the answering node sees it, with each member's own report.
 *
 * @param node the id of the node that answered
 * @param leaderUrl the leader's HTTP base URL, when a leader is known
 * @param term, commitIndex, appliedIndex the answering node's Raft term and indexes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterView(String node, List<NodeView> nodes, String leader, String leaderUrl, long term,
                         long commitIndex, long appliedIndex) {
    /** A view without the answering node and leader URL (older servers, tests). */
    public ClusterView(List<NodeView> nodes, String leader, long term, long commitIndex, long appliedIndex) {
        this(null, nodes, leader, null, term, commitIndex, appliedIndex);
    }

    /**
     * One member, as it reports itself ({@code reachable}) or as the answering node knows it.
     *
     * @param address the member's Raft address {@code host:port}
     * @param url the member's HTTP base URL
     * @param role {@code leader}, {@code follower}, {@code candidate}, {@code listener} or {@code unknown}
     * @param reachable whether the member answered the answering node just now
     * @param lagEntries how far the member's applied index is behind the leader's commit index
     * @param lastContactMs for a follower, milliseconds since it last heard from the leader
     * @param error why the member could not be asked, when it could not
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeView(String id, String address, String url, String role, boolean reachable, Long term,
                           Long commitIndex, Long appliedIndex, Long lagEntries, Long lastContactMs, String error) {}
}
