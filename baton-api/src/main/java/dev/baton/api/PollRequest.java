package dev.baton.api;

/** Body of {@code POST /v1/agents/{id}/poll}: up to {@code max} tasks, waiting at most {@code waitMs}. */
public record PollRequest(Integer max, Long waitMs) {}
