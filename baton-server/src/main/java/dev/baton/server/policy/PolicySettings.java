package dev.baton.server.policy;

import java.net.URI;

/**
 * The optional policy decision point: an OPA-compatible server asked {@code POST {url}/v1/data/baton/allow}
 * before submissions and admin actions. Immutable.
 *
 * @param url the server's base URL, e.g. {@code http://127.0.0.1:8181}
 * @param timeoutMs how long one decision may take; past it the request is decided by {@code failOpen}
 * @param failOpen allow requests when the decision point cannot answer (default false: refuse them)
 * @param cacheMs how long a decision is reused for the same input; 0 turns the cache off
 * @param cacheEntries the most decisions kept
 */
public record PolicySettings(URI url, long timeoutMs, boolean failOpen, long cacheMs, int cacheEntries) {
    public static final long DEFAULT_TIMEOUT_MS = 500;
    public static final long DEFAULT_CACHE_MS = 5_000;
    public static final int DEFAULT_CACHE_ENTRIES = 10_000;

    public PolicySettings {
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("policy.url must be an http:// or https:// URL");
        }
        if (timeoutMs < 1 || cacheMs < 0 || cacheEntries < 1) {
            throw new IllegalArgumentException("policy.timeoutMs and policy.cacheEntries must be positive, "
                    + "policy.cacheMs not negative");
        }
    }
}
