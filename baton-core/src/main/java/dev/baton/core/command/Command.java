package dev.baton.core.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A replicated state change, decided on the leader and applied on every node.
 *
 * <p>Contract: a command carries everything apply needs — the leader's clock reading ({@link #nowMs()}),
 * generated ids and any random choice (retry jitter). Apply reads nothing else. The type names below are part of
 * the log format: never rename or reuse one; add new commands with new names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RegisterAgent.class, name = "RegisterAgent"),
        @JsonSubTypes.Type(value = SetAgentState.class, name = "SetAgentState"),
        @JsonSubTypes.Type(value = DeregisterAgent.class, name = "DeregisterAgent"),
        @JsonSubTypes.Type(value = SubmitTask.class, name = "SubmitTask"),
        @JsonSubTypes.Type(value = LeaseTasks.class, name = "LeaseTasks"),
        @JsonSubTypes.Type(value = StartTasks.class, name = "StartTasks"),
        @JsonSubTypes.Type(value = ReportResults.class, name = "ReportResults"),
        @JsonSubTypes.Type(value = ExpireAttempt.class, name = "ExpireAttempt"),
        @JsonSubTypes.Type(value = TimeOutTask.class, name = "TimeOutTask"),
        @JsonSubTypes.Type(value = CancelTask.class, name = "CancelTask"),
        @JsonSubTypes.Type(value = CreateApiKey.class, name = "CreateApiKey"),
        @JsonSubTypes.Type(value = RevokeApiKey.class, name = "RevokeApiKey"),
        @JsonSubTypes.Type(value = EvictFinishedTasks.class, name = "EvictFinishedTasks"),
        @JsonSubTypes.Type(value = Noop.class, name = "Noop"),
        @JsonSubTypes.Type(value = SetTenant.class, name = "SetTenant"),
        @JsonSubTypes.Type(value = DeleteTenant.class, name = "DeleteTenant"),
        @JsonSubTypes.Type(value = AwaitInput.class, name = "AwaitInput"),
        @JsonSubTypes.Type(value = ProvideInput.class, name = "ProvideInput"),
        @JsonSubTypes.Type(value = RotateApiKey.class, name = "RotateApiKey"),
        @JsonSubTypes.Type(value = ExpireApiKeys.class, name = "ExpireApiKeys"),
        @JsonSubTypes.Type(value = Requested.class, name = "Requested"),
        @JsonSubTypes.Type(value = RecordAudit.class, name = "RecordAudit"),
        @JsonSubTypes.Type(value = RecordFeedback.class, name = "RecordFeedback"),
        @JsonSubTypes.Type(value = SubmitWorkflow.class, name = "SubmitWorkflow"),
        @JsonSubTypes.Type(value = CancelWorkflow.class, name = "CancelWorkflow"),
        @JsonSubTypes.Type(value = SubmitTasks.class, name = "SubmitTasks"),
})
public sealed interface Command
        permits RegisterAgent, SetAgentState, DeregisterAgent, SubmitTask, LeaseTasks, StartTasks, ReportResults,
        ExpireAttempt, TimeOutTask, CancelTask, CreateApiKey, RevokeApiKey, EvictFinishedTasks, Noop, SetTenant,
        DeleteTenant, AwaitInput, ProvideInput, RotateApiKey, ExpireApiKeys, Requested, RecordAudit,
        RecordFeedback, SubmitWorkflow, CancelWorkflow, SubmitTasks {

    /** The leader's clock when it decided this command, in epoch milliseconds. */
    long nowMs();

    /**
     * How many tasks' worth of work the command carries (1 unless it names many), so the proposer can bound a log
     * entry by work rather than by command count. Not part of the log format.
     */
    default int weight() {
        return 1;
    }
}
