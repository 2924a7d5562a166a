package dev.baton.api;

import java.util.List;

/** A page of workflows, oldest first; {@code nextCursor} is null on the last page. */
public record WorkflowList(List<WorkflowView> workflows, String nextCursor) {}
