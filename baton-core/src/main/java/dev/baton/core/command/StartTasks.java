package dev.baton.core.command;

import dev.baton.api.TaskRef;
import java.util.List;

/** Marks leased attempts as {@code running}: the agent reported that it began them. */
public record StartTasks(String agentId, List<TaskRef> attempts, long nowMs) implements Command {}
