package dev.baton.api;

/** Body of {@code POST /v1/tasks/{id}/feedback}: how good the task's result was, from 0 (wrong) to 1 (right). */
public record FeedbackRequest(Double score) {}
