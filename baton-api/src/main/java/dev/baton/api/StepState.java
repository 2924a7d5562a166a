package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle of a workflow step: {@code pending} (waiting for its dependencies), {@code started} (its task exists and
 * has not finished), then {@code succeeded}, {@code failed}, {@code cancelled}, {@code timed_out} (its task's end) or
 * {@code skipped} (it never ran: a dependency failed, or the workflow failed fast or was cancelled first).
 */
public enum StepState {
    PENDING, STARTED, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, SKIPPED;

    public boolean isTerminal() {
        return this != PENDING && this != STARTED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static StepState fromWire(String value) {
        return WireEnums.parse(StepState.class, value);
    }
}
