package dev.baton.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * Standard security headers on every answer, and CORS for the configured browser origins only (none by default, so
 * browsers refuse cross-origin calls). API answers are never cached. {@code Strict-Transport-Security} is sent only
 * on HTTPS requests. The dashboard's static files carry their own headers ({@link Dashboard}).
 *
 * <p>Threading: stateless after construction; called on request threads.
 */
final class ResponseHeaders {
    static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Request-Id, Last-Event-ID";
    static final String EXPOSED_HEADERS = "Retry-After, X-Request-Id, X-Baton-Leader";
    static final long PREFLIGHT_MAX_AGE_SECONDS = 600;
    static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

    private final Set<String> origins;

    ResponseHeaders(List<String> corsOrigins) {
        this.origins = Set.copyOf(corsOrigins);
    }

    /** Before every handler: security headers, and CORS headers for an allowed {@code Origin}. */
    void before(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if (!ctx.path().startsWith("/ui")) {
            ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            ctx.header("Cache-Control", "no-store");
        }
        if (ctx.req().isSecure()) {
            ctx.header("Strict-Transport-Security", "max-age=" + HSTS_MAX_AGE_SECONDS + "; includeSubDomains");
        }
        String origin = ctx.header("Origin");
        if (origin != null && origins.contains(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
        ctx.header("Vary", "Origin");
    }

    /**
     * {@code OPTIONS /*}: a CORS preflight. An allowed origin gets 204 with the methods and headers it may use;
     * any other origin 403; a request without {@code Origin} 204 with {@code Allow}.
     */
    void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            ctx.header("Allow", ALLOWED_METHODS).status(204);
            return;
        }
        if (!origins.contains(origin)) {
            throw ApiProblem.forbidden("origin '" + origin + "' is not in http.corsOrigins "
                    + (origins.isEmpty() ? "(empty: no browser origin may call this API)" : origins.stream().sorted()
                    .toList()));
        }
        ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
        ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", Long.toString(PREFLIGHT_MAX_AGE_SECONDS));
        ctx.status(204);
    }
}
