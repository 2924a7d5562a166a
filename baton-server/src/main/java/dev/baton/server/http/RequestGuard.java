package dev.baton.server.http;

import dev.baton.core.command.RequestStamp;
import dev.baton.server.audit.RequestScope;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.RateLimiter;
import dev.baton.server.control.Control;
import io.javalin.http.Context;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every authenticated request passes besides its role check: the rate limits of its key and tenant, and for a
 * write, the audit stamp that the commands it proposes carry ({@link RequestScope}). A write that proposed no
 * command — refused, invalid, or a change Raft records itself (membership, leadership) — gets a standalone audit
 * entry. Rate-limited (429) and unauthenticated (401) requests are not audited: they would let anyone fill the
 * trail.
 *
 * <p>Threading: called on request threads; stateless besides the limiter.
 */
final class RequestGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    /** Writes audited when they succeed without a state-machine command: cluster changes, the Raft benchmark. */
    static final Set<String> NON_COMMAND_CHANGES = Set.of("POST /v1/cluster/nodes", "DELETE /v1/cluster/nodes/{id}",
            "POST /v1/cluster/leader", "POST /v1/bench/noop");
    static final int MAX_REQUEST_ID_CHARS = 128;

    private final Control control;
    private final RateLimiter limiter;
    private final int auditKeepEntries;

    RequestGuard(Control control, RateLimiter limiter, int auditKeepEntries) {
        this.control = control;
        this.limiter = limiter;
        this.auditKeepEntries = auditKeepEntries;
    }

    /** Throws a 429 with {@code Retry-After} when the principal's key or tenant is over its rate. */
    void limit(Context ctx, Principal principal) {
        long waitMs = limiter.acquire(principal);
        if (waitMs > 0) {
            long seconds = Math.max(1, (waitMs + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw ApiProblem.tooManyRequests("key '" + principal.name() + "'" + (principal.tenant() == null ? ""
                    : " (tenant '" + principal.tenant() + "')") + " is over its rate limit ("
                    + describe(limiter.keyLimit()) + " per key, " + describe(limiter.tenantLimit())
                    + " per tenant); retry in " + seconds + " s");
        }
    }

    private static String describe(RateLimiter.Limit limit) {
        return limit.perSecond() <= 0 ? "none" : Math.round(limit.perSecond()) + "/s, burst " + limit.burst();
    }

    /** The audit scope of a write by {@code principal} on {@code route} ({@code "POST /v1/tasks/{id}/cancel"}). */
    RequestScope.Active open(Context ctx, String route, Principal principal) {
        String id = ctx.pathParamMap().get("id");
        String path = route.substring(route.indexOf(' ') + 1);
        String[] parts = path.split("/");
        String noun = parts.length > 2 ? parts[2] : path;
        if (parts.length > 3 && parts[2].equals("cluster")) {
            noun = "cluster/" + parts[3];
        }
        String header = ctx.header("X-Request-Id");
        String requestId = header != null && !header.isBlank() && header.length() <= MAX_REQUEST_ID_CHARS
                ? header.strip() : UUID.randomUUID().toString();
        ctx.header("X-Request-Id", requestId);
        return new RequestScope.Active(new RequestStamp(principal.keyId(), principal.name(), principal.role(),
                principal.tenant(), route, id == null ? noun : noun + "/" + id, requestId, source(ctx),
                auditKeepEntries));
    }

    /**
     * The client address: the peer's, or for a write a follower forwarded, the address that follower saw with the
     * follower's own after it ({@code "10.0.0.9 via 10.0.0.2"}). The forwarded address is as the sender claims it,
     * which is why the peer that sent it is always named too.
     */
    static String source(Context ctx) {
        String claimed = ctx.header(LeaderForwarder.FORWARDED_FOR);
        if (claimed == null || claimed.isBlank()) {
            return ctx.ip();
        }
        String bounded = claimed.strip();
        return (bounded.length() > 64 ? bounded.substring(0, 64) : bounded) + " via " + ctx.ip();
    }

    /** Records a write that proposed nothing: {@code problem} null when it succeeded. */
    void finished(RequestScope.Active request, ApiProblem problem) {
        if (request == null || request.proposed() > 0) {
            return;
        }
        if (problem == null && !NON_COMMAND_CHANGES.contains(request.stamp().action())) {
            return; // e.g. a heartbeat that changed nothing
        }
        if (problem != null && (problem.status() == 401 || problem.status() == 429 || problem.status() >= 500)) {
            return;
        }
        control.recordAudit(request.stamp(), problem == null ? "ok" : problem.slug()).whenComplete((o, e) -> {
            if (e != null) {
                LOG.warn("could not record the audit entry of {} {}: {}", request.stamp().action(),
                        request.stamp().resource(), e.toString());
            }
        });
    }
}
