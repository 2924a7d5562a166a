package dev.baton.server.http;

import dev.baton.core.state.Outcome;
import java.time.Instant;

/** Problem documents of tenant limits. */
final class TenantProblems {
    /** Stable slug of a submission refused because its tenant spent its budget: {@code .../budget-exhausted}. */
    static final String BUDGET_EXHAUSTED = "budget-exhausted";

    private TenantProblems() {}

    /**
     * 429 with {@code Retry-After} until the period resets: the refusal is temporary and clears at a known time,
     * which is what 429 and {@code Retry-After} tell clients and proxies (402 has no agreed meaning; 403 would read
     * as a permanent lack of permission).
     */
    static ApiProblem budgetExhausted(Outcome.BudgetExhausted b, long nowMs) {
        String detail = "tenant '" + b.tenant() + "' has spent " + amount(b.spent()) + " of its budget of "
                + amount(b.budget()) + " cost units for this " + b.period().wireName() + "; the budget resets at "
                + Instant.ofEpochMilli(b.periodEndMs()) + " (or raise it with PUT /v1/tenants/" + b.tenant() + ")";
        return new ApiProblem(429, BUDGET_EXHAUSTED, "Budget exhausted", detail, "tenant")
                .withRetryAfterSeconds(Math.ceilDiv(Math.max(0, b.periodEndMs() - nowMs), 1000L));
    }

    private static String amount(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
