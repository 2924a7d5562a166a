package dev.baton.api;

import java.util.List;

/** A page of tasks; {@code nextCursor} is null on the last page. Also the reply of a batch submit. */
public record TaskList(List<TaskView> tasks, String nextCursor) {}
