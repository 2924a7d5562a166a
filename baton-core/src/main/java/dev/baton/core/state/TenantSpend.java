package dev.baton.core.state;

import dev.baton.api.BudgetPeriod;
import java.time.LocalDate;

/**
 * What a tenant spent, in cost units, in the current hour, day and month (all three kept, so that changing a
 * tenant's period never loses what it spent) and in total. Periods are calendar periods in UTC, computed from the
 * time inside the command that charged: an hour from minute 0, a day from 00:00, a month from 00:00 on its first
 * day. A bucket whose start is not the current period's start holds last period's spend and reads as 0. Immutable.
 *
 * @param rejectedSubmissions submissions refused because the tenant was past its budget, ever (for metrics)
 */
public record TenantSpend(String tenant, long hourStartMs, double hourSpent, long dayStartMs, double daySpent,
                          long monthStartMs, double monthSpent, double totalSpent, long rejectedSubmissions) {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;

    static TenantSpend none(String tenant) {
        return new TenantSpend(tenant, -1, 0, -1, 0, -1, 0, 0, 0);
    }

    /** This ledger with {@code cost} charged at {@code nowMs}. */
    TenantSpend charge(double cost, long nowMs) {
        long hour = periodStartMs(BudgetPeriod.HOUR, nowMs);
        long day = periodStartMs(BudgetPeriod.DAY, nowMs);
        long month = periodStartMs(BudgetPeriod.MONTH, nowMs);
        return new TenantSpend(tenant, hour, (hour == hourStartMs ? hourSpent : 0) + cost,
                day, (day == dayStartMs ? daySpent : 0) + cost,
                month, (month == monthStartMs ? monthSpent : 0) + cost, totalSpent + cost, rejectedSubmissions);
    }

    /** This ledger with one more refused submission counted. */
    TenantSpend withRejection() {
        return new TenantSpend(tenant, hourStartMs, hourSpent, dayStartMs, daySpent, monthStartMs, monthSpent,
                totalSpent, rejectedSubmissions + 1);
    }

    /** What was spent in the {@code period} that contains {@code nowMs}. */
    public double spentIn(BudgetPeriod period, long nowMs) {
        long start = periodStartMs(period, nowMs);
        return switch (period) {
            case HOUR -> start == hourStartMs ? hourSpent : 0;
            case DAY -> start == dayStartMs ? daySpent : 0;
            case MONTH -> start == monthStartMs ? monthSpent : 0;
        };
    }

    /** True when nothing was spent this month: the ledger can be dropped without changing any budget decision. */
    boolean idleIn(long nowMs) {
        return spentIn(BudgetPeriod.MONTH, nowMs) == 0;
    }

    /** Start of the {@code period} containing {@code nowMs}, epoch ms (UTC). */
    public static long periodStartMs(BudgetPeriod period, long nowMs) {
        return switch (period) {
            case HOUR -> Math.floorDiv(nowMs, HOUR_MS) * HOUR_MS;
            case DAY -> Math.floorDiv(nowMs, DAY_MS) * DAY_MS;
            case MONTH -> LocalDate.ofEpochDay(Math.floorDiv(nowMs, DAY_MS)).withDayOfMonth(1).toEpochDay() * DAY_MS;
        };
    }

    /** End (exclusive) of the {@code period} containing {@code nowMs}: when a budget of that period resets. */
    public static long periodEndMs(BudgetPeriod period, long nowMs) {
        long start = periodStartMs(period, nowMs);
        return switch (period) {
            case HOUR -> start + HOUR_MS;
            case DAY -> start + DAY_MS;
            case MONTH -> LocalDate.ofEpochDay(start / DAY_MS).plusMonths(1).toEpochDay() * DAY_MS;
        };
    }
}
