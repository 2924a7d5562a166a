package dev.baton.api;

import java.util.List;

/** Body of {@code POST /v1/tasks/batch}. */
public record BatchSubmitRequest(List<SubmitTaskRequest> tasks) {}
