package dev.baton.core.command;

/**
 * Ends the live attempt {@code attempt} of a task and parks the task in {@code awaiting_input} with a question.
 * The leader checked that {@code schemaJson} is a JSON Schema; {@code deadlineMs} is 0 for no answer deadline.
 */
public record AwaitInput(String taskId, int attempt, String prompt, String schemaJson, long deadlineMs, long nowMs)
        implements Command {}
