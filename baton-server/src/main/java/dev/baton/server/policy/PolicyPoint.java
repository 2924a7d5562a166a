package dev.baton.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks an OPA-compatible server whether a request may proceed: {@code POST {url}/v1/data/baton/allow} with
 * {@code {"input": {"principal": ..., "action": ..., "resource": ...}}}; the answer {@code {"result": true}} allows,
 * anything else ({@code false}, an undefined result, another shape) denies. When the server does not answer within
 * the timeout, answers an error status or garbage, the request is refused ({@link Decision#UNAVAILABLE}) unless
 * {@code failOpen}. Decisions that came from the server are cached per input for {@code cacheMs} (an LRU of
 * {@code cacheEntries}); failures are never cached.
 *
 * <p>Threading: thread-safe; {@link #decide} blocks the calling (virtual) thread for at most the timeout.
 */
public final class PolicyPoint {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyPoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/v1/data/baton/allow";

    /** What the decision point said. */
    public enum Decision { ALLOWED, DENIED, UNAVAILABLE }

    private record Cached(Decision decision, long expiresAtMs) {}

    private final PolicySettings settings;
    private final URI endpoint;
    private final HttpClient http;
    private final LongSupplier clockMs;
    private final Map<String, Cached> cache;
    private final AtomicLong asked = new AtomicLong();

    public PolicyPoint(PolicySettings settings) {
        this(settings, System::currentTimeMillis);
    }

    PolicyPoint(PolicySettings settings, LongSupplier clockMs) {
        this.settings = settings;
        String base = settings.url().toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(settings.timeoutMs())).build();
        this.clockMs = clockMs;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > settings.cacheEntries();
            }
        };
    }

    public PolicySettings settings() {
        return settings;
    }

    /** How many times the server was asked (cache misses), for tests and metrics. */
    public long asked() {
        return asked.get();
    }

    /** The decision for {@code input} ({@code principal}, {@code action}, {@code resource}), fail-open applied. */
    public Decision decide(ObjectNode input) {
        String key = input.toString();
        long now = clockMs.getAsLong();
        synchronized (cache) {
            Cached hit = cache.get(key);
            if (hit != null && hit.expiresAtMs() > now) {
                return hit.decision();
            }
        }
        Decision decision = ask(input);
        if (decision != Decision.UNAVAILABLE && settings.cacheMs() > 0) {
            synchronized (cache) {
                cache.put(key, new Cached(decision, now + settings.cacheMs()));
            }
        }
        return decision == Decision.UNAVAILABLE && settings.failOpen() ? Decision.ALLOWED : decision;
    }

    private Decision ask(ObjectNode input) {
        asked.incrementAndGet();
        ObjectNode body = JSON.createObjectNode();
        body.set("input", input);
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMillis(settings.timeoutMs()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warn("policy decision point answered {} for {}", response.statusCode(), input.path("action"));
                return Decision.UNAVAILABLE;
            }
            JsonNode result = JSON.readTree(response.body()).path("result");
            return result.isBoolean() && result.asBoolean() ? Decision.ALLOWED : Decision.DENIED;
        } catch (IOException e) {
            LOG.warn("policy decision point at {} did not answer: {}", settings.url(), e.toString());
            return Decision.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.UNAVAILABLE;
        }
    }
}
