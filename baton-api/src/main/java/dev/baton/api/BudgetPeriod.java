package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The period a tenant's budget covers. Periods are calendar periods in UTC: an hour starts at minute 0, a day at
 * 00:00 UTC, a month at 00:00 UTC on its first day.
 */
public enum BudgetPeriod {
    HOUR, DAY, MONTH;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static BudgetPeriod fromWire(String value) {
        return WireEnums.parse(BudgetPeriod.class, value);
    }
}
