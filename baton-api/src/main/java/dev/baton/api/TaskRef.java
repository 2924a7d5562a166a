package dev.baton.api;

/** One attempt of one task. */
public record TaskRef(String taskId, int attempt) {}
