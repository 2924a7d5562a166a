package dev.baton.api;

/**
 * Body of {@code POST /v1/cluster/nodes}: the node to add as a voting member.
 *
 * @param id the new node's id (its {@code node.id})
 * @param address where it listens: {@code host:httpPort} or {@code host:httpPort:raftPort} (Raft defaults to
 *     HTTP + 10000)
 */
public record AddNodeRequest(String id, String address) {}
