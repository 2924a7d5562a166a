package dev.baton.core.state;

import dev.baton.api.BudgetAction;
import dev.baton.api.BudgetPeriod;

/**
 * A tenant's budget, limits and share. As configured, a null field means "the server default"; once resolved
 * against the defaults ({@link #orElse}) only {@code budget} and {@code budgetThreshold} may be null (no budget,
 * no threshold). Amounts are cost units.
 *
 * @param maxInFlight most tasks leased or running at once; 0 for no limit
 * @param weight share of contended agent slots, {@link #MIN_WEIGHT} to {@link #MAX_WEIGHT}
 */
public record TenantSettings(Double budget, BudgetPeriod budgetPeriod, Double budgetThreshold, Integer maxInFlight,
                             Integer weight, BudgetAction onBudgetExhausted) {
    public static final int MIN_WEIGHT = 1;
    public static final int MAX_WEIGHT = 1_000;
    public static final int MAX_IN_FLIGHT_LIMIT = 1_000_000;
    public static final double MAX_BUDGET = 1e15;

    /** No budget, a day period, no in-flight limit, weight 1, reject: the defaults of a server not told others. */
    public static final TenantSettings UNLIMITED = new TenantSettings(null, BudgetPeriod.DAY, null, 0, 1,
            BudgetAction.REJECT);

    /** Each field of this, or of {@code defaults} where this one is null. */
    public TenantSettings orElse(TenantSettings defaults) {
        return new TenantSettings(budget != null ? budget : defaults.budget,
                budgetPeriod != null ? budgetPeriod : defaults.budgetPeriod,
                budgetThreshold != null ? budgetThreshold : defaults.budgetThreshold,
                maxInFlight != null ? maxInFlight : defaults.maxInFlight,
                weight != null ? weight : defaults.weight,
                onBudgetExhausted != null ? onBudgetExhausted : defaults.onBudgetExhausted);
    }

    /** True when a budget is set and {@code spent} has reached it. */
    public boolean exhaustedBy(double spent) {
        return budget != null && spent >= budget;
    }

    /** True when a positive in-flight limit is set and {@code inFlight} has reached it. */
    public boolean fullAt(int inFlight) {
        return maxInFlight != null && maxInFlight > 0 && inFlight >= maxInFlight;
    }
}
