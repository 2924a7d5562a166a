package dev.baton.core.command;

/**
 * An audit entry for a request that changed no replicated state (refused, invalid, or a cluster membership change,
 * which Raft itself records); {@code outcome} is its problem type or {@code ok}.
 */
public record RecordAudit(RequestStamp request, String outcome, long nowMs) implements Command {}
