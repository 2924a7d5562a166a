package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A task handed to an agent: report its result with the same {@code attempt}.
 *
 * @param inputs questions earlier attempts asked and their answers, oldest first; empty when none were asked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeasedTask(String id, int attempt, String capability, JsonNode input, String deadline,
                         long heartbeatTimeoutMs, List<InputRoundView> inputs) {
    public LeasedTask {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    /** A lease without questions asked before. */
    public LeasedTask(String id, int attempt, String capability, JsonNode input, String deadline,
                      long heartbeatTimeoutMs) {
        this(id, attempt, capability, input, deadline, heartbeatTimeoutMs, List.of());
    }
}
