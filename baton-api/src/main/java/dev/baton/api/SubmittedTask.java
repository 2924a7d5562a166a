package dev.baton.api;

/** A submitted task as a batch submit with {@code Prefer: return=minimal} reports it: its id and state. */
public record SubmittedTask(String id, TaskState state) {}
