package dev.baton.api;

/**
 * Limits on cost figures. Costs are in cost units, a currency-free number the operator chooses (cents, tokens x
 * price, credits); budgets are counted in the same units.
 */
public final class Costs {
    /** The largest cost one agent may declare per task or one result may report. */
    public static final double MAX_COST_PER_TASK = 1_000_000_000d;

    private Costs() {}

    /** True for a finite cost between 0 and {@link #MAX_COST_PER_TASK}. */
    public static boolean isValid(double cost) {
        return Double.isFinite(cost) && cost >= 0 && cost <= MAX_COST_PER_TASK;
    }
}
