package dev.baton.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.api.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * JSON over HTTP to the nodes of one Baton cluster with one token: builds requests, fails over
 * between nodes, maps error replies to {@link BatonApiException} and lost connections to
 * {@link BatonUnavailableException}. Every call of the SDK goes through here, so this is the one
 * place where requests are retried.
 *
 * <p><b>Failover.</b> Calls stick to the current node of the {@link NodeList} while it works. When an
 * attempt fails the call moves the client on and, within the failover window (15 s by default,
 * counted from the call's first failure; no attempt starts after it ends), tries again after an
 * exponential backoff with jitter ({@link Failover}):
 * <ul>
 *   <li>The request never reached a server (connection refused, connect timeout, unknown host): always
 *       retried, on the next node.</li>
 *   <li>{@code 503}: the node did not apply the request (no leader, or it is not the leader). Retried on
 *       the leader named by the problem's {@code leaderUrl} first, but only when that is one of the
 *       configured nodes (same scheme, host, port and path); a hint naming any other URL is ignored and
 *       the next node is tried, because the token goes only to nodes the user listed and an address a
 *       node advertises may not be reachable from here. {@code Retry-After} (seconds or an HTTP date) is
 *       honoured when it asks for more than the backoff, capped at {@link Failover#MAX_RETRY_AFTER_MS}.</li>
 *   <li>The connection broke after the request was sent (reset, end of stream, no reply within the
 *       request timeout): retried on the next node only when {@link ResendRule} says the request is safe
 *       to repeat (reads; submits whose every task has an idempotency key; heartbeats; result reports;
 *       polls; cancel). Otherwise the error is thrown at once, and the next call starts on the next node.
 *       A {@code 504 outcome-unknown} (a follower forwarded the request and lost the leader mid-way) is
 *       treated the same way.</li>
 *   <li>{@code 429 rate-limited}: the key or its tenant is over its rate limit; nothing was applied. Sent again to the same
 *       node after {@code Retry-After} (capped like a 503's), while that fits in the failover window; then the
 *       429 is thrown as {@link BatonApiException}.</li>
 *   <li>Any other status, 4xx or 5xx: no retry; {@link #send} throws {@link BatonApiException}.</li>
 * </ul>
 * When the window runs out, the call throws a {@link BatonUnavailableException} (a
 * {@link BatonTimeoutException} when the last attempt timed out) naming every node tried and its
 * last failure. Long polls keep their own timeout on every attempt, so a poll that fails over simply
 * polls again on the next node. Health probes fail over only when no node answers: their
 * {@code 503} is an answer. After {@link #shutdownNow} calls fail at once and are not retried.
 *
 * <p>Threading: thread-safe. It holds immutable settings, a thread-safe {@link HttpClient} and the
 * shared current node; each call's failover state lives on the calling thread.
 */
final class HttpTransport {
    private final NodeList nodes;
    private final String token;
    private final Duration requestTimeout;
    private final Duration failoverWindow;
    private final HttpClient http;
    private volatile boolean closed;

    HttpTransport(NodeList nodes, String token, Duration requestTimeout, Duration connectTimeout,
                  Duration failoverWindow, javax.net.ssl.SSLContext tls) {
        this.nodes = nodes;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.requestTimeout = requestTimeout;
        this.failoverWindow = failoverWindow;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /** The base URL of the node in use now, without a trailing slash. */
    String baseUrl() {
        return nodes.url(nodes.currentIndex());
    }

    /** Every configured base URL, in the order given. */
    List<String> baseUrls() {
        return nodes.urls();
    }

    /** The default per-request timeout. */
    Duration requestTimeout() {
        return requestTimeout;
    }

    /** Sends an authenticated request with the default timeout and binds the reply body to {@code type}. */
    <T> T send(String method, String path, Object body, Class<T> type) {
        return send(method, path, body, type, requestTimeout);
    }

    /** Sends an authenticated request, failing over as needed, and binds the reply to {@code type}; null when empty. */
    <T> T send(String method, String path, Object body, Class<T> type, Duration timeout) {
        return send(method, path, body, type, timeout, false);
    }

    /** As {@link #send}, asking for a minimal reply ({@code Prefer: return=minimal}); {@code type} must fit it. */
    <T> T sendPreferringMinimal(String method, String path, Object body, Class<T> type) {
        return send(method, path, body, type, requestTimeout, true);
    }

    private <T> T send(String method, String path, Object body, Class<T> type, Duration timeout, boolean minimal) {
        Call call = new Call(method, path, body == null ? null : BatonJson.write(body), timeout, true,
                ResendRule.safeToResend(method, path, body), false, minimal);
        Reply reply = exchange(call);
        if (reply.status() >= 400) {
            throw new BatonApiException(reply.status(), Problems.of(reply));
        }
        return bind(reply, type);
    }

    /** An unauthenticated {@code GET} of a health endpoint; any status, 503 included, is returned as the answer. */
    Reply probe(String path) {
        return exchange(new Call("GET", path, null, requestTimeout, false, true, true, false));
    }

    /**
     * An authenticated {@code GET} of {@code path} on the current node only (no failover: the caller wants that
     * node's own file), streaming a 200 reply's body into {@code target}. Returns the reply's headers; any other
     * status is thrown as {@link BatonApiException}, an unreachable node as {@link BatonUnavailableException}.
     */
    java.net.http.HttpHeaders download(String path, java.nio.file.Path target, Duration timeout) {
        String node = baseUrl();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path)).timeout(timeout).GET()
                .header("Accept", "application/octet-stream, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<Object> response = http.send(request.build(), info -> info.statusCode() == 200
                    ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(target), p -> p)
                    : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(
                            StandardCharsets.UTF_8), b -> b));
            if (response.statusCode() != 200) {
                Reply reply = new Reply(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), (String) response.body(), null);
                throw new BatonApiException(reply.status(), Problems.of(reply));
            }
            return response.headers();
        } catch (IOException e) {
            throw new BatonUnavailableException("GET " + path + " on " + node + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonUnavailableException("GET " + path + " was interrupted", e);
        }
    }

    /** Aborts requests in flight and releases the client's threads and connections; later calls fail at once. */
    void shutdownNow() {
        closed = true;
        http.shutdownNow();
    }

    /** Percent-encodes one path segment or query value. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Builds {@code ?a=1&b=2} from the non-null entries, or an empty string when there are none. */
    static String query(Map<String, ?> params) {
        StringJoiner joined = new StringJoiner("&", "?", "");
        joined.setEmptyValue("");
        params.forEach((name, value) -> {
            if (value != null) {
                joined.add(encode(name) + "=" + encode(String.valueOf(value)));
            }
        });
        return joined.toString();
    }

    /** An insertion-ordered map for {@link #query}, accepting null values. */
    static Map<String, Object> params() {
        return new LinkedHashMap<>();
    }

    private Reply exchange(Call call) {
        Failover failover = null;
        long rateLimitedUntilNanos = 0;
        while (true) {
            requireOpen(call);
            int index = nodes.currentIndex();
            try {
                Reply reply = attempt(nodes.url(index), call);
                if (reply.status() == 429 && !call.probe() && isRateLimited(reply)) {
                    // Refused before it was handled, so safe to send again: wait as asked, within the window.
                    long now = System.nanoTime();
                    rateLimitedUntilNanos = rateLimitedUntilNanos != 0 ? rateLimitedUntilNanos
                            : now + failoverWindow.toNanos();
                    long waitMs = Math.max(100, Math.min(Failover.retryAfterMs(reply.retryAfter()),
                            Failover.MAX_RETRY_AFTER_MS));
                    if (now + waitMs * 1_000_000L > rateLimitedUntilNanos) {
                        return reply;
                    }
                    sleep(waitMs, call);
                    continue;
                }
                if (reply.status() == 504 && call.resendable() && isOutcomeUnknown(reply)) {
                    // A follower forwarded the request and lost the leader mid-way: like a broken connection.
                    failover = failover != null ? failover : new Failover(nodes, call.describe(), failoverWindow);
                    failover.afterFailure(index, new SendFailure(SendFailure.Kind.BROKEN, "outcome unknown",
                            new IOException(Problems.describe(Problems.of(reply)))), true);
                    continue;
                }
                if (reply.status() != 503 || call.probe()) {
                    return reply;
                }
                failover = failover != null ? failover : new Failover(nodes, call.describe(), failoverWindow);
                failover.afterUnavailable(index, Problems.of(reply), reply.retryAfter());
            } catch (IOException e) {
                requireOpen(call);
                failover = failover != null ? failover : new Failover(nodes, call.describe(), failoverWindow);
                failover.afterFailure(index, SendFailure.of(e, call.timeout()), call.resendable());
            }
        }
    }

    private void sleep(long ms, Call call) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonUnavailableException(call.describe() + " was interrupted while rate limited", e);
        }
    }

    /** A {@code 429} for the request rate (not, say, a tenant's spent budget, which waiting seconds does not fix). */
    private static boolean isRateLimited(Reply reply) {
        String type = Problems.of(reply).type();
        return type != null && type.endsWith("/rate-limited");
    }

    /** A {@code 504} whose problem type is {@code outcome-unknown}: the request may or may not have been applied. */
    private static boolean isOutcomeUnknown(Reply reply) {
        String type = Problems.of(reply).type();
        return type != null && type.endsWith("/outcome-unknown");
    }

    private Reply attempt(String node, Call call) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + call.path()))
                .timeout(call.timeout())
                .header("Accept", "application/json, application/problem+json");
        if (call.authenticated() && token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (call.minimal()) {
            request.header("Prefer", "return=minimal");
        }
        if (call.body() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonUnavailableException(call.describe() + " was interrupted", e);
        }
    }

    private void requireOpen(Call call) {
        if (closed) {
            throw new BatonUnavailableException(call.describe() + " failed: the client is closed", null);
        }
    }

    private static <T> T bind(Reply reply, Class<T> type) {
        if (type == Void.class || reply.body() == null || reply.body().isBlank()) {
            return null;
        }
        try {
            return BatonJson.mapper().readValue(reply.body(), type);
        } catch (JsonProcessingException e) {
            throw new BatonApiException(reply.status(), new Problem("about:blank", "Unreadable reply",
                    reply.status(), "the reply is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), null, null));
        }
    }

    /** A raw reply: status, content type, body text and the {@code Retry-After} header (or null). */
    record Reply(int status, String contentType, String body, String retryAfter) {}

    /**
     * One request as the caller asked for it; the body is serialised once so every attempt sends the same bytes.
     * {@code minimal} sends {@code Prefer: return=minimal}.
     */
    private record Call(String method, String path, String body, Duration timeout, boolean authenticated,
                        boolean resendable, boolean probe, boolean minimal) {
        String describe() {
            return method + " " + path;
        }
    }
}
