package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Liveness of an agent: {@code ready} takes work, {@code draining} finishes what it holds, {@code down} missed its heartbeats. */
public enum AgentState {
    READY, DRAINING, DOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AgentState fromWire(String value) {
        return WireEnums.parse(AgentState.class, value);
    }
}
