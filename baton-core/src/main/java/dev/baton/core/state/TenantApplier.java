package dev.baton.core.state;

import dev.baton.core.command.DeleteTenant;
import dev.baton.core.command.SetTenant;

/** Applies tenant configuration commands. Package-private; reached through {@link BatonState#apply}. */
final class TenantApplier {
    private final TenantBook book;

    TenantApplier(TenantBook book) {
        this.book = book;
    }

    Outcome set(SetTenant c) {
        Tenant before = book.tenants.get(c.name());
        if (before == null && book.tenants.size() >= Tenant.MAX_TENANTS) {
            return new Outcome.Rejected("invalid", "at most " + Tenant.MAX_TENANTS + " tenants may be configured");
        }
        Tenant after = new Tenant(c.name(), c.settings(), before == null ? c.nowMs() : before.createdAtMs(),
                c.nowMs());
        book.tenants.put(c.name(), after);
        return new Outcome.TenantOutcome(after, before == null);
    }

    Outcome delete(DeleteTenant c) {
        Tenant removed = book.tenants.remove(c.name());
        if (removed == null) {
            return Outcome.notFound("tenant", c.name());
        }
        return new Outcome.TenantOutcome(null, false);
    }
}
