package dev.baton.api;

/**
 * Body of {@code POST /v1/cluster/leader}: hand leadership to {@code nodeId}, or, when it is null, to the most
 * up-to-date follower.
 */
public record LeaderTransferRequest(String nodeId) {}
