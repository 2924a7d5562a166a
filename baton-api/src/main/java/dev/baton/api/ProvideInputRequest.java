package dev.baton.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of {@code POST /v1/tasks/{id}/input}: the answer to the task's pending question, any JSON value. */
public record ProvideInputRequest(JsonNode answer) {}
