package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A task handed to an agent: report its result with the same {@code attempt}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeasedTask(String id, int attempt, String capability, JsonNode input, String deadline,
                         long heartbeatTimeoutMs) {}
