package dev.baton.cli;

import dev.baton.api.TenantList;
import dev.baton.api.TenantView;

/** Human-readable renderings of tenants. Stateless. */
final class TenantFormat {
    private TenantFormat() {}

    /** A table of tenants. */
    static String tenants(TenantList list) {
        if (list.tenants() == null || list.tenants().isEmpty()) {
            return "no tenants\n";
        }
        Table table = new Table("TENANT", "BUDGET", "PERIOD", "SPEND", "IN FLIGHT", "QUEUED", "WEIGHT", "HELD");
        for (TenantView t : list.tenants()) {
            table.row(t.name() + (t.configured() ? "" : " (defaults)"), amount(t.budget()), t.budgetPeriod().wireName(),
                    amount(t.spend()), t.inFlight() + (t.maxInFlight() > 0 ? "/" + t.maxInFlight() : ""), t.queued(),
                    t.weight(), t.held() ? "yes" : "no");
        }
        return table.render();
    }

    /** One tenant as key: value lines. */
    static String tenant(TenantView t) {
        return Table.keyValues("name", t.name(), "configured", t.configured(), "budget", amount(t.budget()),
                "period", t.budgetPeriod().wireName() + " (" + t.periodStartedAt() + " to " + t.periodEndsAt() + ")",
                "threshold", amount(t.budgetThreshold()), "spend", amount(t.spend()), "total spend",
                amount(t.totalSpend()), "in flight", t.inFlight() + (t.maxInFlight() > 0 ? " of " + t.maxInFlight()
                        : " (no limit)"), "queued", t.queued(), "held", t.held() ? "yes: past its budget" : "no",
                "weight", t.weight(), "on budget exhausted", t.onBudgetExhausted().wireName());
    }

    private static String amount(Double value) {
        if (value == null) {
            return "none";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString(value.longValue())
                : value.toString();
    }
}
