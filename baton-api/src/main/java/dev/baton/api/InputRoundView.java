package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One question an agent asked about a task ({@code awaiting_input}) and its answer. Times are ISO-8601 UTC;
 * {@code deadline}, {@code answer} and {@code answeredAt} are absent when there are none (yet).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputRoundView(int round, int attempt, String prompt, JsonNode schema, String askedAt, String deadline,
                             JsonNode answer, String answeredAt) {}
