package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Lifecycle of a task: {@code queued → leased → running → succeeded | failed | cancelled | timed_out}, and
 * {@code awaiting_input}: the agent asked a human (or another system) a question; no attempt is live, and the
 * answer posted to {@code /v1/tasks/{id}/input} queues the task again.
 */
public enum TaskState {
    QUEUED, LEASED, RUNNING, AWAITING_INPUT, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT;

    /** True for the states a task never leaves. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
    }

    /** True while an agent holds an attempt of the task. */
    public boolean isActive() {
        return this == LEASED || this == RUNNING;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TaskState fromWire(String value) {
        return WireEnums.parse(TaskState.class, value);
    }
}
