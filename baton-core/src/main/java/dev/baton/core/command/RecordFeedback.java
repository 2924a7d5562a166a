package dev.baton.core.command;

/**
 * A client's judgement of a finished task's result, {@code score} from 0 (wrong) to 1 (right): it adds
 * {@code score} to the success and {@code 1 - score} to the failure evidence of the agent(s) that produced the
 * result, on the task's capability. Once per task.
 */
public record RecordFeedback(String taskId, double score, long nowMs) implements Command {}
