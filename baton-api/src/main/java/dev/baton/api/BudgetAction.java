package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What happens to a submission of a tenant past its budget: {@code reject} refuses it (429
 * {@code budget-exhausted}); {@code hold} accepts it and leaves it queued until the period rolls over.
 */
public enum BudgetAction {
    REJECT, HOLD;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BudgetAction fromWire(String value) {
        return WireEnums.parse(BudgetAction.class, value);
    }
}
