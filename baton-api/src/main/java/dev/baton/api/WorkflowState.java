package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Lifecycle of a workflow: {@code running → succeeded | failed | cancelled}. */
public enum WorkflowState {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static WorkflowState fromWire(String value) {
        return WireEnums.parse(WorkflowState.class, value);
    }
}
