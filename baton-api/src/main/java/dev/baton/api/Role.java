package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an API key may do. {@code admin} may do everything; see {@code docs/api.md} for the matrix. */
public enum Role {
    ADMIN, OPERATOR, SUBMITTER, AGENT, VIEWER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String value) {
        return WireEnums.parse(Role.class, value);
    }
}
