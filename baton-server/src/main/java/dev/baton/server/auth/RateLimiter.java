package dev.baton.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per API key and per tenant: each holds up to {@code burst} tokens and refills at
 * {@code perSecond}; a request takes one token from its key's bucket and one from its tenant's (keys without a
 * tenant have no tenant bucket). Buckets are per node: a client spreading reads over three nodes gets three budgets,
 * while writes, which all run on the leader, share one.
 *
 * <p>Threading: safe for concurrent use; each bucket is updated under its own lock. Memory: at most
 * {@link #MAX_BUCKETS} buckets per kind; beyond that, buckets that have refilled completely are dropped.
 */
public final class RateLimiter {
    static final int MAX_BUCKETS = 100_000;

    /** A rate and a burst; {@code perSecond == 0} turns the limit off. */
    public record Limit(double perSecond, long burst) {
        public static final Limit DEFAULT = new Limit(1_000, 2_000);
        public static final Limit NONE = new Limit(0, 0);
    }

    private final Limit keyLimit;
    private final Limit tenantLimit;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> keys = new ConcurrentHashMap<>();
    private final Map<String, Bucket> tenants = new ConcurrentHashMap<>();

    public RateLimiter(Limit keyLimit, Limit tenantLimit, LongSupplier nanoTime) {
        this.keyLimit = keyLimit;
        this.tenantLimit = tenantLimit;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes a token for one request of {@code principal}. Returns 0 when the request may go ahead, otherwise the
     * milliseconds until it could (no token is taken then).
     */
    public long acquire(Principal principal) {
        long now = nanoTime.getAsLong();
        Bucket key = keyLimit.perSecond() > 0 ? bucket(keys, principal.keyId(), keyLimit, now) : null;
        Bucket tenant = tenantLimit.perSecond() > 0 && principal.tenant() != null
                ? bucket(tenants, principal.tenant(), tenantLimit, now) : null;
        long waitMs = key == null ? 0 : key.take(now);
        if (waitMs > 0) {
            return waitMs;
        }
        long tenantWaitMs = tenant == null ? 0 : tenant.take(now);
        if (tenantWaitMs > 0 && key != null) {
            key.giveBack();
        }
        return tenantWaitMs;
    }

    /** The limit of each key's bucket. */
    public Limit keyLimit() {
        return keyLimit;
    }

    /** The limit of each tenant's bucket. */
    public Limit tenantLimit() {
        return tenantLimit;
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String name, Limit limit, long now) {
        Bucket bucket = buckets.get(name);
        if (bucket == null) {
            if (buckets.size() >= MAX_BUCKETS) {
                buckets.values().removeIf(b -> b.fullAt(now));
            }
            bucket = buckets.computeIfAbsent(name, n -> new Bucket(limit, now));
        }
        return bucket;
    }

    private static final class Bucket {
        private final double perNano;
        private final long burst;
        private double tokens;
        private long lastNanos;

        Bucket(Limit limit, long now) {
            this.perNano = limit.perSecond() / 1e9;
            this.burst = Math.max(1, limit.burst());
            this.tokens = burst;
            this.lastNanos = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e6));
        }

        synchronized void giveBack() {
            tokens = Math.min(burst, tokens + 1);
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            if (now > lastNanos) {
                tokens = Math.min(burst, tokens + (now - lastNanos) * perNano);
                lastNanos = now;
            }
        }
    }
}
