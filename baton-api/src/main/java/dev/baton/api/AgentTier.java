package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An agent's service tier: {@code premium} agents are the better (usually dearer) ones; the {@code cost_aware}
 * router policy gives them to a tenant only while its spend is under the tenant's budget threshold.
 */
public enum AgentTier {
    STANDARD, PREMIUM;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AgentTier fromWire(String value) {
        return WireEnums.parse(AgentTier.class, value);
    }
}
