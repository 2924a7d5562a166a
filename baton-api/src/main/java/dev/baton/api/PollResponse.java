package dev.baton.api;

import java.util.List;

/** Reply of a poll: possibly empty when the wait ran out. */
public record PollResponse(List<LeasedTask> tasks) {}
