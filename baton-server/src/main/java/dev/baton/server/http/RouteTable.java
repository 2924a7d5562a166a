package dev.baton.server.http;

import dev.baton.core.state.ApiKey;
import dev.baton.server.audit.RequestScope;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.Tokens;
import dev.baton.server.state.StateStore;
import dev.baton.server.auth.JwtVerifier;
import dev.baton.server.policy.PolicyPoint;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import org.slf4j.MDC;

/**
 * Registers routes with bearer-token authentication and role checks in front, and names each request's route
 * template for metrics. Keys are looked up by SHA-256 in the replicated state, so any node authenticates.
 *
 * <p>Where a request runs: writes ({@link #post}, {@link #delete}) go to the leader — a follower forwards them
 * before authenticating, so a key created a moment ago works on every node. Reads ({@link #get}) run here after a
 * read barrier (linearizable) unless the client asks {@code ?stale=true}. {@link #getLocal} and {@link #postLocal}
 * are about this node itself and run here as they are.
 */
final class RouteTable {
    static final String ROUTE_ATTRIBUTE = "baton.route";

    private enum Kind { WRITE, READ, LOCAL }

    private final JavalinDefaultRoutingApi routes;
    private final StateStore store;
    private final LeaderForwarder forwarder;
    private final NodeStatus node;
    private final long readTimeoutMs;
    private final RequestGuard guard;
    private JwtVerifier jwt;
    private PolicyGuard policy = new PolicyGuard(null);

    RouteTable(JavalinDefaultRoutingApi routes, StateStore store, LeaderForwarder forwarder, NodeStatus node,
               long readTimeoutMs, RequestGuard guard) {
        this.routes = routes;
        this.store = store;
        this.forwarder = forwarder;
        this.node = node;
        this.readTimeoutMs = readTimeoutMs;
        this.guard = guard;
    }

    /**
     * Turns on JWT bearer tokens (null: API keys only) and the policy decision point (null: none) for the routes
     * registered from now on. Call before registering routes.
     */
    void security(JwtVerifier jwt, PolicyPoint policy) {
        this.jwt = jwt;
        this.policy = new PolicyGuard(policy);
    }

    /** A read of the replicated state: linearizable unless {@code ?stale=true}. */
    void get(String path, Access access, Route route) {
        routes.get(path, guarded(path, access, route, Kind.READ));
    }

    /** A read about this node itself: no barrier, no forwarding. */
    void getLocal(String path, Access access, Route route) {
        routes.get(path, guarded(path, access, route, Kind.LOCAL));
    }

    /** A write: handled by the leader (forwarded there from a follower). */
    void post(String path, Access access, Route route) {
        routes.post(path, guarded(path, access, route, Kind.WRITE));
    }

    /** An action on this node itself (e.g. take a snapshot of it): not forwarded. */
    void postLocal(String path, Access access, Route route) {
        routes.post(path, guarded(path, access, route, Kind.LOCAL));
    }

    /** A write that replaces a resource: handled by the leader (forwarded there from a follower). */
    void put(String path, Access access, Route route) {
        routes.put(path, guarded(path, access, route, Kind.WRITE));
    }

    void delete(String path, Access access, Route route) {
        routes.delete(path, guarded(path, access, route, Kind.WRITE));
    }

    /** A route anyone may call (health, and metrics when configured open). */
    void open(String method, String path, Handler handler) {
        Handler named = ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, path);
            handler.handle(ctx);
        };
        switch (method) {
            case "GET" -> routes.get(path, named);
            case "POST" -> routes.post(path, named);
            default -> throw new IllegalArgumentException(method);
        }
    }

    private Handler guarded(String path, Access access, Route route, Kind kind) {
        return ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, path);
            if (kind == Kind.WRITE && forwarder.forwardUnlessLeader(ctx)) {
                return;
            }
            Principal principal = authenticate(ctx, kind);
            guard.limit(ctx, principal);
            String action = ctx.method().name() + " " + path;
            RequestScope.Active request = kind == Kind.WRITE ? guard.open(ctx, action, principal) : null;
            RequestScope.Active previous = RequestScope.enter(request);
            try {
                if (!access.allows(principal.role())) {
                    throw ApiProblem.forbidden("key '" + principal.name() + "' has role "
                            + principal.role().wireName() + "; this endpoint needs one of "
                            + access.roles().stream().map(r -> r.wireName()).toList());
                }
                policy.check(ctx, path, access, principal);
                handle(ctx, path, principal, route, kind);
                guard.finished(request, null);
            } catch (ApiProblem e) {
                guard.finished(request, e);
                throw e;
            } finally {
                RequestScope.restore(previous);
            }
        };
    }

    private void handle(Context ctx, String path, Principal principal, Route route, Kind kind) throws Exception {
        String id = ctx.pathParamMap().get("id");
        String mdcKey = id == null ? null : path.startsWith("/v1/agents/") ? "agent_id"
                : path.startsWith("/v1/tasks/") ? "task_id" : null;
        if (mdcKey != null) {
            MDC.put(mdcKey, id);
        }
        try {
            if (kind == Kind.READ && !"true".equalsIgnoreCase(ctx.queryParam("stale"))) {
                awaitReadBarrier();
            }
            route.handle(ctx, principal);
        } finally {
            if (mdcKey != null) {
                MDC.remove(mdcKey);
            }
        }
    }

    private void awaitReadBarrier() {
        try {
            Await.result(node.readBarrier(), readTimeoutMs);
        } catch (ApiProblem e) {
            throw ApiProblem.unavailable("node " + node.nodeId() + " cannot serve a linearizable read now ("
                    + e.getMessage() + "); retry, or add ?stale=true to read this node's possibly stale state");
        }
    }

    /**
     * Authenticates; a linearizable read whose key this node has not applied yet (created a moment ago) waits for
     * the read barrier, as the read would anyway, and tries once more, so new keys work on every node for reads as
     * they do for writes (which the leader authenticates).
     */
    private Principal authenticate(Context ctx, Kind kind) {
        try {
            return authenticate(ctx);
        } catch (ApiProblem unknownKey) {
            boolean stale = "true".equalsIgnoreCase(ctx.queryParam("stale"));
            if (kind != Kind.READ || unknownKey.status() != 401 || stale) {
                throw unknownKey;
            }
            awaitReadBarrier();
            return authenticate(ctx);
        }
    }

    Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiProblem.unauthorized("missing 'Authorization: Bearer <token>' header");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblem.unauthorized("the Authorization header must use the Bearer scheme");
        }
        String token = header.substring(7).strip();
        if (jwt != null && JwtVerifier.looksLikeJwt(token)) {
            return jwtPrincipal(token);
        }
        String sha = Tokens.sha256(token);
        long now = System.currentTimeMillis();
        ApiKey key = store.read(s -> s.apiKeyByToken(sha, now))
                .orElseThrow(() -> ApiProblem.unauthorized("the bearer token is not a valid API key (unknown, "
                        + "revoked, expired, or replaced by a rotation whose grace period ended)"));
        return new Principal(key.id(), key.name(), key.role(), key.tenant());
    }

    /**
     * The principal of a valid JWT: id {@code jwt:<sub>}, its mapped role and tenant; a 401 problem says why a token
     * is not valid.
     */
    private Principal jwtPrincipal(String token) {
        try {
            JwtVerifier.Identity identity = jwt.verify(token);
            return new Principal("jwt:" + identity.subject(), identity.subject(), identity.role(), identity.tenant());
        } catch (JwtVerifier.Rejected e) {
            throw ApiProblem.unauthorized(e.getMessage());
        }
    }
}
