package dev.baton.server.http;

import dev.baton.api.AuditPage;
import dev.baton.api.AuditRecord;
import dev.baton.server.auth.Access;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /v1/audit}: the retained audit trail, oldest first, with filters ({@code principal}: key id or name;
 * {@code action}: route prefix such as {@code POST /v1/tasks}; {@code resource}: prefix such as {@code tasks/t_1};
 * {@code outcome}; {@code since}: ISO-8601 instant) and paging ({@code afterSeq}, {@code limit}). Filtered pages are
 * for reading; an export for {@code baton audit verify} pages without filters so the chain stays whole.
 */
final class AuditRoutes {
    static final int MAX_PAGE = 1_000;
    private static final Set<String> PARAMS = Set.of("principal", "action", "resource", "outcome", "since",
            "afterSeq", "limit", "stale");

    private final StateStore store;

    AuditRoutes(StateStore store) {
        this.store = store;
    }

    void register(RouteTable table) {
        table.get("/v1/audit", Access.OPERATE, (ctx, p) -> page(ctx));
    }

    private void page(Context ctx) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!PARAMS.contains(name)) {
                throw ApiProblem.validation(name, "unknown query parameter '" + name + "'; accepted: "
                        + PARAMS.stream().sorted().toList());
            }
        }
        int limit = Reply.intParam(ctx, "limit", 100, 1, MAX_PAGE);
        long afterSeq = longParam(ctx, "afterSeq");
        Predicate<AuditRecord> filter = filter(ctx);
        AuditPage page = store.read(s -> {
            List<AuditRecord> entries = s.auditPage(afterSeq, limit + 1, filter);
            AuditRecord oldest = s.auditOldest().orElse(null);
            Long next = entries.size() > limit ? entries.get(limit - 1).seq() : null;
            return new AuditPage(entries.stream().limit(limit).toList(), next, oldest == null ? 0 : oldest.seq(),
                    oldest == null ? null : oldest.prevHash(), s.auditLastSeq(),
                    s.auditLastSeq() == 0 ? null : s.auditHeadHash());
        });
        Reply.json(ctx, page);
    }

    private static Predicate<AuditRecord> filter(Context ctx) {
        String principal = ctx.queryParam("principal");
        String action = ctx.queryParam("action");
        String resource = ctx.queryParam("resource");
        String outcome = ctx.queryParam("outcome");
        String since = ctx.queryParam("since");
        String sinceTime;
        if (since != null && !since.isBlank()) {
            try {
                sinceTime = Instant.parse(since).toString();
            } catch (DateTimeParseException e) {
                throw ApiProblem.validation("since", "since '" + since + "' is not an ISO-8601 instant such as "
                        + "2026-12-01T00:00:00Z");
            }
        } else {
            sinceTime = null;
        }
        return r -> (principal == null || principal.equals(r.keyId()) || principal.equals(r.keyName()))
                && (action == null || r.action().startsWith(action))
                && (resource == null || r.resource() != null && r.resource().startsWith(resource))
                && (outcome == null || outcome.equals(r.outcome()))
                && (sinceTime == null || Instant.parse(r.time()).compareTo(Instant.parse(sinceTime)) >= 0);
    }

    private static long longParam(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiProblem.validation(name, name + " must be a whole number >= 0, got '" + value + "'");
        }
    }
}
