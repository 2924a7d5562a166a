package dev.baton.server.metrics;

import dev.baton.core.state.BatonState;
import dev.baton.core.state.TenantSettings;
import dev.baton.server.state.StateStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-tenant series, read from the replicated state at scrape time: {@code baton_tenant_spend} (this budget
 * period, cost units), {@code baton_tenant_budget}, {@code baton_tenant_in_flight}, {@code baton_tenant_queued} and
 * the counter {@code baton_tenant_rejected_total} (submissions refused past the budget).
 *
 * <p>Bounded cardinality: configured tenants (at most {@link dev.baton.core.state.Tenant#MAX_TENANTS}, created only
 * by admins) get their own {@code tenant} label; every other tenant name a client used is summed into
 * {@code tenant="_other"}. Thread-safe: concurrent scrapes each refresh and read the latest figures.
 */
final class TenantMetrics {
    static final String OTHER = "_other";

    private final MeterRegistry registry;
    private final StateStore store;
    private final TenantSettings defaults;
    private final LongSupplier clock;
    private final MultiGauge spend;
    private final MultiGauge budget;
    private final MultiGauge inFlight;
    private final MultiGauge queued;
    private final Set<String> countersRegistered = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Figures> last = Map.of();

    TenantMetrics(MeterRegistry registry, StateStore store, TenantSettings defaults, LongSupplier clock) {
        this.registry = registry;
        this.store = store;
        this.defaults = defaults;
        this.clock = clock;
        spend = MultiGauge.builder("baton_tenant_spend").description("Spend in the current budget period, cost units")
                .register(registry);
        budget = MultiGauge.builder("baton_tenant_budget").description("Budget per period, cost units (if any)")
                .register(registry);
        inFlight = MultiGauge.builder("baton_tenant_in_flight").description("Tasks leased or running per tenant")
                .register(registry);
        queued = MultiGauge.builder("baton_tenant_queued").description("Queued tasks per tenant").register(registry);
    }

    /** One tenant's figures; {@code budget} null when it has none. */
    private record Figures(double spend, Double budget, int inFlight, int queued, long rejected) {}

    /** Refreshes the gauges; called before each scrape. */
    void refresh() {
        long now = clock.getAsLong();
        Map<String, Figures> rows = store.read(s -> figures(s, now));
        last = rows;
        List<MultiGauge.Row<?>> spendRows = new ArrayList<>();
        List<MultiGauge.Row<?>> budgetRows = new ArrayList<>();
        List<MultiGauge.Row<?>> inFlightRows = new ArrayList<>();
        List<MultiGauge.Row<?>> queuedRows = new ArrayList<>();
        rows.forEach((tenant, f) -> {
            Tags tags = Tags.of("tenant", tenant);
            spendRows.add(MultiGauge.Row.of(tags, f.spend()));
            if (f.budget() != null) {
                budgetRows.add(MultiGauge.Row.of(tags, f.budget()));
            }
            inFlightRows.add(MultiGauge.Row.of(tags, f.inFlight()));
            queuedRows.add(MultiGauge.Row.of(tags, f.queued()));
            if (countersRegistered.add(tenant)) {
                FunctionCounter.builder("baton_tenant_rejected", this, m -> m.rejected(tenant))
                        .description("Submissions refused because the tenant was past its budget")
                        .tag("tenant", tenant).register(registry);
            }
        });
        spend.register(spendRows, true);
        budget.register(budgetRows, true);
        inFlight.register(inFlightRows, true);
        queued.register(queuedRows, true);
    }

    /** As of the last refresh (the scrape that reads it refreshed first). */
    private double rejected(String tenant) {
        Figures f = last.get(tenant);
        return f == null ? 0 : f.rejected();
    }

    /** Per label value: each configured tenant, and {@code _other} summing the rest. */
    private Map<String, Figures> figures(BatonState s, long now) {
        Map<String, Figures> rows = new LinkedHashMap<>();
        Figures other = new Figures(0, null, 0, 0, 0);
        for (String name : s.knownTenantNames()) {
            TenantSettings t = s.tenantSettings(name, defaults);
            var ledger = s.tenantSpend(name);
            Figures f = new Figures(ledger.spentIn(t.budgetPeriod(), now), t.budget(), s.tenantInFlight(name),
                    s.tenantQueued(name), ledger.rejectedSubmissions());
            if (s.tenantByName(name).isPresent()) {
                rows.put(name, f);
            } else {
                other = new Figures(other.spend() + f.spend(), null, other.inFlight() + f.inFlight(),
                        other.queued() + f.queued(), other.rejected() + f.rejected());
            }
        }
        rows.put(OTHER, other);
        return rows;
    }
}
