package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An agent's circuit breaker as the API shows it.
 *
 * @param state {@code closed}, {@code open} (gets no tasks) or {@code half_open} (the next task is a probe)
 * @param errorRatePercent failed share of its last results (up to 20)
 * @param openedAt when it last opened, while it is open or half-open
 * @param opens how many times it opened
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BreakerView(String state, int consecutiveFailures, int errorRatePercent, String openedAt, long opens) {}
