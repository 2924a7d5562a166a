package dev.baton.core.command;

import java.util.List;

/**
 * Hands queued tasks to an agent, starting a new attempt of each. Apply re-checks every task (still queued, visible,
 * capability offered, free slot) and leases only those that pass, so a stale routing decision is harmless.
 */
public record LeaseTasks(String agentId, List<String> taskIds, long nowMs) implements Command {}
