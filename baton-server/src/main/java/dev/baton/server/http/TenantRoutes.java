package dev.baton.server.http;

import dev.baton.api.TenantList;
import dev.baton.api.TenantRequest;
import dev.baton.api.TenantView;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.TenantSettings;
import dev.baton.core.state.TenantSpend;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Principal;
import dev.baton.server.control.Control;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;

/**
 * {@code /v1/tenants}: configure (admin), read and delete tenants. Reads show effective settings, spend in the
 * current budget period (computed with this node's clock), and the tenant's in-flight and queued tasks.
 */
final class TenantRoutes {
    /** Most tenants one list reply holds. */
    static final int MAX_LIST = 10_000;

    private final Control control;
    private final StateStore store;

    TenantRoutes(Control control, StateStore store) {
        this.control = control;
        this.store = store;
    }

    void register(RouteTable table) {
        table.put("/v1/tenants/{name}", Access.ADMIN, (ctx, p) -> put(ctx));
        table.get("/v1/tenants", Access.READ, this::list);
        table.get("/v1/tenants/{name}", Access.READ, this::get);
        table.delete("/v1/tenants/{name}", Access.ADMIN, (ctx, p) -> delete(ctx));
    }

    private void put(Context ctx) {
        String name = TaskRequests.requireName(ctx.pathParam("name"), "name");
        TenantSettings settings = toSettings(Json.read(ctx.bodyAsBytes(), TenantRequest.class));
        Outcome.TenantOutcome outcome = (Outcome.TenantOutcome) Await.committed(control.setTenant(name, settings));
        Reply.json(ctx, outcome.created() ? 201 : 200, view(name));
    }

    /** Every known tenant; a tenant-scoped key sees only its own. */
    private void list(Context ctx, Principal principal) {
        long now = System.currentTimeMillis();
        TenantSettings defaults = control.settings().tenantDefaults();
        Reply.json(ctx, new TenantList(store.read(s -> (principal.tenant() == null ? s.knownTenantNames()
                : java.util.List.of(principal.tenant())).stream().limit(MAX_LIST)
                .map(n -> view(s, n, defaults, now)).toList())));
    }

    /** One tenant; a tenant-scoped key may read only its own (another answers 404). */
    private void get(Context ctx, Principal principal) {
        String name = TaskRequests.requireName(ctx.pathParam("name"), "name");
        if (!principal.seesTenant(name)) {
            throw ApiProblem.notFound("tenant '" + name + "' is not visible to key '" + principal.name()
                    + "', which is confined to tenant '" + principal.tenant() + "'");
        }
        Reply.json(ctx, view(name));
    }

    private void delete(Context ctx) {
        Await.committed(control.deleteTenant(ctx.pathParam("name")));
        ctx.status(204);
    }

    private TenantView view(String name) {
        long now = System.currentTimeMillis();
        TenantSettings defaults = control.settings().tenantDefaults();
        return store.read(s -> view(s, name, defaults, now));
    }

    /** Any name has a view: a tenant never configured shows the server defaults and what it has. */
    static TenantView view(BatonState s, String name, TenantSettings defaults, long nowMs) {
        var configured = s.tenantByName(name);
        TenantSettings t = s.tenantSettings(name, defaults);
        TenantSpend ledger = s.tenantSpend(name);
        double spent = ledger.spentIn(t.budgetPeriod(), nowMs);
        return new TenantView(name, configured.isPresent(), t.budget(), t.budgetPeriod(), t.budgetThreshold(),
                t.maxInFlight(), t.weight(), t.onBudgetExhausted(), spent,
                Views.time(TenantSpend.periodStartMs(t.budgetPeriod(), nowMs)),
                Views.time(TenantSpend.periodEndMs(t.budgetPeriod(), nowMs)), s.tenantInFlight(name),
                s.tenantQueued(name), t.exhaustedBy(spent), ledger.totalSpent(),
                configured.map(c -> Views.time(c.updatedAtMs())).orElse(null));
    }

    /** Validates a request; every rejection names its field. */
    static TenantSettings toSettings(TenantRequest r) {
        if (r.budget() != null) {
            checkAmount(r.budget(), "budget");
        }
        if (r.budgetThreshold() != null) {
            checkAmount(r.budgetThreshold(), "budgetThreshold");
        }
        if (r.maxInFlight() != null && (r.maxInFlight() < 0 || r.maxInFlight() > TenantSettings.MAX_IN_FLIGHT_LIMIT)) {
            throw ApiProblem.validation("maxInFlight", "maxInFlight must be between 0 (no limit) and "
                    + TenantSettings.MAX_IN_FLIGHT_LIMIT + ", got " + r.maxInFlight());
        }
        if (r.weight() != null && (r.weight() < TenantSettings.MIN_WEIGHT || r.weight() > TenantSettings.MAX_WEIGHT)) {
            throw ApiProblem.validation("weight", "weight must be between " + TenantSettings.MIN_WEIGHT + " and "
                    + TenantSettings.MAX_WEIGHT + ", got " + r.weight());
        }
        return new TenantSettings(r.budget(), r.budgetPeriod(), r.budgetThreshold(), r.maxInFlight(), r.weight(),
                r.onBudgetExhausted());
    }

    private static void checkAmount(double value, String field) {
        if (!Double.isFinite(value) || value < 0 || value > TenantSettings.MAX_BUDGET) {
            throw ApiProblem.validation(field, field + " must be a number from 0 to " + TenantSettings.MAX_BUDGET
                    + " (cost units), got " + value);
        }
    }
}
