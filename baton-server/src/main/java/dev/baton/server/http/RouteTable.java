package dev.baton.server.http;

import dev.baton.core.state.ApiKey;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Principal;
import dev.baton.server.auth.Tokens;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import org.slf4j.MDC;

/**
 * Registers routes with bearer-token authentication and role checks in front, and names each request's route
 * template for metrics. Keys are looked up by SHA-256 in the replicated state, so any node authenticates.
 */
final class RouteTable {
    static final String ROUTE_ATTRIBUTE = "baton.route";

    private final JavalinDefaultRoutingApi routes;
    private final StateStore store;

    RouteTable(JavalinDefaultRoutingApi routes, StateStore store) {
        this.routes = routes;
        this.store = store;
    }

    void get(String path, Access access, Route route) {
        routes.get(path, guarded(path, access, route));
    }

    void post(String path, Access access, Route route) {
        routes.post(path, guarded(path, access, route));
    }

    void delete(String path, Access access, Route route) {
        routes.delete(path, guarded(path, access, route));
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

    private Handler guarded(String path, Access access, Route route) {
        return ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, path);
            Principal principal = authenticate(ctx);
            if (!access.allows(principal.role())) {
                throw ApiProblem.forbidden("key '" + principal.name() + "' has role " + principal.role().wireName()
                        + "; this endpoint needs one of " + access.roles().stream().map(r -> r.wireName()).toList());
            }
            String id = ctx.pathParamMap().get("id");
            String mdcKey = id == null ? null : path.startsWith("/v1/agents/") ? "agent_id"
                    : path.startsWith("/v1/tasks/") ? "task_id" : null;
            if (mdcKey != null) {
                MDC.put(mdcKey, id);
            }
            try {
                route.handle(ctx, principal);
            } finally {
                if (mdcKey != null) {
                    MDC.remove(mdcKey);
                }
            }
        };
    }

    Principal authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiProblem.unauthorized("missing 'Authorization: Bearer <token>' header");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblem.unauthorized("the Authorization header must use the Bearer scheme");
        }
        String sha = Tokens.sha256(header.substring(7).strip());
        ApiKey key = store.read(s -> s.apiKeyBySha256(sha))
                .orElseThrow(() -> ApiProblem.unauthorized("the bearer token is not a valid API key"));
        return new Principal(key.id(), key.name(), key.role());
    }
}
