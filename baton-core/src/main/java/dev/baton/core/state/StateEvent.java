package dev.baton.core.state;

/**
 * A change apply made, handed to listeners on every node (metrics, waiters, SSE, the leader's control loop).
 * Events are produced in apply order and carry immutable snapshots.
 */
public sealed interface StateEvent {

    /** A task was created or changed state; {@code before} is null on creation. */
    record TaskChanged(Task before, Task after) implements StateEvent {}

    /** A task left the replicated state after its retention window. */
    record TaskEvicted(Task task) implements StateEvent {}

    /** An agent was registered, changed state or was removed ({@code after} null). */
    record AgentChanged(Agent before, Agent after) implements StateEvent {}

    /** A workflow was created ({@code before} null), changed, or left the state ({@code after} null). */
    record WorkflowChanged(Workflow before, Workflow after) implements StateEvent {}

    /** A result was refused; {@code reason} is one of the rejection codes in {@code ErrorCodes}. */
    record ResultRejected(String taskId, int attempt, String agentId, String reason) implements StateEvent {}
}
