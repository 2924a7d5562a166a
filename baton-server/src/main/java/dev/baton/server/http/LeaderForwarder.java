package dev.baton.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Sends a write that reached a follower on to the leader, and the leader's reply back, so clients may talk to any
 * node. A forwarded request carries {@value #FORWARDED_BY}; a node never forwards such a request again (no loops).
 *
 * <p>During an election the request waits (up to {@code waitForLeaderMs}) for a leader to appear rather than fail
 * at once. Outcomes: the leader's own reply; {@code 503 no-leader} when none appeared (nothing was applied, safe to
 * retry); {@code 504 outcome-unknown} when the leader took the request but the connection broke before its reply
 * (retry only with an idempotency key). Thread-safe; blocks the calling (virtual) thread.
 */
final class LeaderForwarder {
    static final String FORWARDED_BY = "X-Baton-Forwarded-By";
    /** The client address the forwarding node saw, for the leader's audit trail. */
    static final String FORWARDED_FOR = "X-Baton-Forwarded-For";
    static final String LEADER_HEADER = "X-Baton-Leader";
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept",
            "Idempotency-Key", "X-Request-Id", "Prefer");
    private static final List<String> REPLY_HEADERS = List.of("Retry-After", "Location", "Preference-Applied");
    private static final long FORWARD_TIMEOUT_MS = 120_000;
    private static final long RETRY_PAUSE_MS = 10;

    private final NodeStatus node;
    private final long waitForLeaderMs;
    private final Consumer<String> outcomes;
    private final HttpClient http;

    /**
     * @param outcomes told {@code ok}, {@code no_leader} or {@code outcome_unknown} for every forwarded request
     * @param peerTls for HTTPS to the leader (trusts the peers' CA, shows this node's certificate), or null
     */
    LeaderForwarder(NodeStatus node, long waitForLeaderMs, Consumer<String> outcomes, SSLContext peerTls) {
        this.node = node;
        this.waitForLeaderMs = waitForLeaderMs;
        this.outcomes = outcomes;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        this.http = (peerTls == null ? builder : builder.sslContext(peerTls)).build();
    }

    /**
     * Returns false when this node should handle the request itself (it is the ready leader); otherwise forwards
     * it, writes the reply to {@code ctx} and returns true, or throws an {@link ApiProblem}.
     */
    boolean forwardUnlessLeader(Context ctx) {
        long deadline = System.nanoTime() + waitForLeaderMs * 1_000_000;
        boolean alreadyForwarded = ctx.header(FORWARDED_BY) != null;
        while (true) {
            if (node.isLocalLeader()) {
                return false;
            }
            Optional<String> leaderUrl = node.leaderUrl();
            boolean leaderElsewhere = leaderUrl.isPresent() && !node.nodeId().equals(node.leaderId().orElse(null));
            if (leaderElsewhere && alreadyForwarded) {
                throw ApiProblem.unavailable("node " + node.nodeId() + " is not the leader")
                        .withLeaderUrl(leaderUrl.get());
            }
            if (leaderElsewhere && send(ctx, leaderUrl.get())) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                outcomes.accept("no_leader");
                throw ApiProblem.noLeader("no leader answered within " + waitForLeaderMs + " ms (an election may "
                        + "be in progress); nothing was applied, retry");
            }
            pause();
        }
    }

    /** Opens the HTTP client's machinery once (a GET of this node's {@code /health}), so a failover does not. */
    void warmUp(String selfUrl) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(selfUrl + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // harmless: the first forward pays the cost instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Proxies the request; false when the leader could not be connected to (nothing was sent). */
    private boolean send(Context ctx, String leaderUrl) {
        String query = ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(leaderUrl + ctx.path()
                        + (query == null || query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofMillis(FORWARD_TIMEOUT_MS))
                .header(FORWARDED_BY, node.nodeId())
                .header(FORWARDED_FOR, ctx.ip())
                .method(ctx.method().name(), HttpRequest.BodyPublishers.ofByteArray(ctx.bodyAsBytes()));
        for (String name : REQUEST_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return false;
        } catch (IOException e) {
            outcomes.accept("outcome_unknown");
            throw ApiProblem.outcomeUnknown("the leader at " + leaderUrl + " took the request but did not answer ("
                    + e.getClass().getSimpleName() + "); it may have been applied — retry with the same "
                    + "idempotency key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("interrupted while forwarding to the leader");
        }
        outcomes.accept("ok");
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        for (String name : REPLY_HEADERS) {
            response.headers().firstValue(name).ifPresent(value -> ctx.header(name, value));
        }
        ctx.header(LEADER_HEADER, leaderUrl);
        ctx.result(response.body());
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("interrupted while waiting for a leader");
        }
    }
}
