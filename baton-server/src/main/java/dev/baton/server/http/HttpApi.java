package dev.baton.server.http;

import dev.baton.server.auth.RateLimiter;
import dev.baton.server.auth.SecuritySettings;
import dev.baton.server.control.Control;
import dev.baton.server.metrics.BatonMetrics;
import dev.baton.server.state.StateStore;
import dev.baton.server.auth.JwtVerifier;
import dev.baton.server.policy.PolicyPoint;
import dev.baton.server.tls.NodeTls;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API (Javalin on Jetty, virtual threads): routes, problem documents for every error, request-size
 * limits, metrics per route. See {@code docs/api.md} and {@code /openapi.json}.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /**
     * HTTP settings: where to listen, the largest body accepted, whether {@code /metrics} needs a key, how long a
     * follower waits for a leader to forward a write to, and how long a read waits for its barrier; {@code tls}
     * (null for plain HTTP) makes the listener HTTPS-only and the forwarder speak HTTPS to the leader; {@code jwt}
     * (null: API keys only) checks JWT bearer tokens; {@code policy} (null: none) is asked before submissions and
     * admin actions.
     */
    public record Settings(String host, int port, long maxRequestBytes, boolean metricsOpen, long waitForLeaderMs,
                           long readTimeoutMs, NodeTls tls, JwtVerifier jwt, PolicyPoint policy) {}

    private final Javalin app;
    private final String scheme;
    private final EventLog events = new EventLog();
    private LeaderForwarder forwarder;

    public HttpApi(Settings settings, Control control, StateStore store, NodeStatus node, BatonMetrics metrics,
                   SecuritySettings security) {
        TaskWatchers watchers = new TaskWatchers();
        store.addListener(watchers::onEvents);
        store.addIndexedListener(events);
        events.startAt(store.appliedIndex());
        byte[] openApi = loadOpenApi();
        scheme = settings.tls() == null ? "http" : "https";
        app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.defaultContentType = "application/json";
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.startup.showJavalinBanner = false;
            if (settings.tls() != null) {
                config.jetty.addConnector((server, http) -> HttpsConnector.create(server, http, settings.host(),
                        settings.port(), settings.tls()));
            }
            forwarder = new LeaderForwarder(node, settings.waitForLeaderMs(), metrics::forwarded,
                    settings.tls() == null ? null : settings.tls().peerClientContext());
            RequestGuard guard = new RequestGuard(control, new RateLimiter(security.keyRate(), security.tenantRate(),
                    System::nanoTime), security.auditKeepEntries());
            RouteTable table = new RouteTable(config.routes, store, forwarder, node, settings.readTimeoutMs(), guard);
            table.security(settings.jwt(), settings.policy());
            new TaskRoutes(control, store, watchers).register(table);
            new HumanInputRoutes(control, store).register(table);
            new FeedbackRoutes(control, store).register(table);
            new AgentRoutes(control, store).register(table);
            new KeyRoutes(control, store).register(table);
            new TenantRoutes(control, store).register(table);
            new ClusterRoutes(node, store).register(table);
            new EventRoutes(events).register(table);
            new StatsRoutes(store).register(table);
            new AuditRoutes(store).register(table);
            new BenchRoutes(control).register(table);
            config.staticFiles.add(files -> {
                files.hostedPath = "/ui";
                files.directory = "/ui";
                files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
                files.headers = Dashboard.HEADERS;
            });
            table.open("GET", "/", ctx -> ctx.redirect("/ui/"));
            if (settings.metricsOpen()) {
                table.open("GET", "/metrics", ctx -> metricsReply(ctx, metrics));
            } else {
                table.get("/metrics", dev.baton.server.auth.Access.READ, (ctx, p) -> metricsReply(ctx, metrics));
            }
            table.open("GET", "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            config.routes.exception(ApiProblem.class, (e, ctx) -> problem(ctx, withLeaderHint(e, node)));
            config.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> problem(ctx,
                    e.getStatus() == 413 ? ApiProblem.tooLarge("the request body exceeds "
                            + settings.maxRequestBytes() + " bytes")
                            : new ApiProblem(e.getStatus(), "http-" + e.getStatus(), e.getMessage(), e.getMessage(),
                            null)));
            config.routes.exception(BadMessageException.class, (e, ctx) -> problem(ctx,
                    ApiProblem.malformed("bad HTTP request: " + e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                problem(ctx, ApiProblem.internal("internal error; see the node's log"));
            });
            config.routes.error(404, "*", ctx -> {
                if (ctx.attribute(RouteTable.ROUTE_ATTRIBUTE) == null) {
                    problem(ctx, ApiProblem.notFound("no endpoint " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, "*", ctx -> problem(ctx, new ApiProblem(405, "method-not-allowed",
                    "Method not allowed", "method " + ctx.method() + " is not allowed on " + ctx.path(), null)));
            ResponseHeaders headers = new ResponseHeaders(security.corsOrigins());
            config.routes.before(ctx -> {
                ctx.attribute("baton.startNanos", System.nanoTime());
                headers.before(ctx);
            });
            config.routes.options("/*", ctx -> {
                ctx.attribute(RouteTable.ROUTE_ATTRIBUTE, "/*");
                headers.preflight(ctx);
            });
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(security.maxHeaderBytes()));
            Json.limit(security.maxJsonDepth(), security.maxStringChars());
            config.routes.after(ctx -> {
                Long started = ctx.attribute("baton.startNanos");
                String route = ctx.attribute(RouteTable.ROUTE_ATTRIBUTE);
                if (started != null) {
                    metrics.recordHttp(ctx.method().name(), route == null ? "unmatched" : route,
                            ctx.statusCode(), System.nanoTime() - started);
                }
            });
        });
    }

    /** Starts listening, and warms the leader's request path in the background (see {@link Warmup}). */
    public HttpApi start() {
        app.start();
        Warmup.startInBackground(() -> forwarder.warmUp(scheme + "://127.0.0.1:" + app.port()));
        return this;
    }

    public int port() {
        return app.port();
    }

    /** {@code https} when the listener is HTTPS, else {@code http}. */
    public String scheme() {
        return scheme;
    }

    /**
     * Every HTTP route registered with the server, as {@code "METHOD /path"} ({@code "POST /v1/tasks/{id}/cancel"}),
     * sorted: what {@code docs/security.md}'s route × role matrix must cover.
     */
    public java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(e -> e.method.name() + " " + e.path).distinct().sorted().toList();
    }

    private static void metricsReply(Context ctx, BatonMetrics metrics) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    /** A 503 tells the client where the leader is, when this node knows and is not it. */
    private static ApiProblem withLeaderHint(ApiProblem problem, NodeStatus node) {
        if (problem.status() != 503 || problem.leaderUrl() != null) {
            return problem;
        }
        String leader = node.leaderId().orElse(null);
        return leader == null || leader.equals(node.nodeId()) ? problem
                : node.leaderUrl().map(problem::withLeaderUrl).orElse(problem);
    }

    private static void problem(Context ctx, ApiProblem problem) {
        if (problem.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(problem.retryAfterSeconds()));
        } else if (problem.status() == 503) {
            ctx.header("Retry-After", "1");
        }
        ctx.status(problem.status()).contentType("application/problem+json")
                .result(Json.write(problem.toProblem(ctx.path())));
    }

    private static byte[] loadOpenApi() {
        try (InputStream in = HttpApi.class.getResourceAsStream("/openapi.json")) {
            return in == null ? "{}".getBytes() : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled openapi.json", e);
        }
    }

    /** Streams a node-local event (such as a leader change) to live {@code /v1/events} clients. */
    public void localEvent(String type, String reason) {
        events.local(new dev.baton.api.EventView(null, type, null, null, null, null, null, null, null, reason,
                java.time.Instant.now().toString()));
    }

    @Override
    public void close() {
        events.close();
        app.stop();
    }
}
