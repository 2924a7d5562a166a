package dev.baton.api;

import java.util.List;

/**
 * The reply of a batch submit sent with {@code Prefer: return=minimal}: each task's id and state, in request order,
 * instead of the full {@link TaskView}s (which cost the node and the client most of a large batch's time).
 */
public record SubmittedTaskList(List<SubmittedTask> tasks) {}
