package dev.baton.core.command;

/**
 * Answers question {@code round} of a task in {@code awaiting_input} and queues it again. The leader validated
 * {@code answerJson} against the question's schema; the round fences a second answer to the same question.
 */
public record ProvideInput(String taskId, int round, String answerJson, long nowMs) implements Command {}
