package dev.baton.server.http;

import dev.baton.api.Problem;

/**
 * An error reply: thrown by route handlers, rendered as an RFC 9457 problem document. {@code slug} names the
 * stable problem type, {@code https://baton.dev/problems/<slug>}.
 */
public final class ApiProblem extends RuntimeException {
    static final String TYPE_PREFIX = "https://baton.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;
    private final String field;
    private final String leaderUrl;
    private final long retryAfterSeconds;

    ApiProblem(int status, String slug, String title, String detail, String field) {
        this(status, slug, title, detail, field, null, 0);
    }

    private ApiProblem(int status, String slug, String title, String detail, String field, String leaderUrl,
                       long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.field = field;
        this.leaderUrl = leaderUrl;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** This problem with the leader's URL as a hint for the client (a 503 from a node that is not the leader). */
    ApiProblem withLeaderUrl(String url) {
        return new ApiProblem(status, slug, title, getMessage(), field, url, retryAfterSeconds);
    }

    /** This problem with a {@code Retry-After} header of {@code seconds} (at least 1). */
    ApiProblem withRetryAfterSeconds(long seconds) {
        return new ApiProblem(status, slug, title, getMessage(), field, leaderUrl, Math.max(1, seconds));
    }

    /** The {@code Retry-After} to send, in seconds; 0 for none (a 503 always gets 1). */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    String leaderUrl() {
        return leaderUrl;
    }

    static ApiProblem validation(String field, String detail) {
        return new ApiProblem(400, "validation", "Invalid request", detail, field);
    }

    static ApiProblem malformed(String detail) {
        return new ApiProblem(400, "malformed-json", "Malformed JSON", detail, null);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not-found", "Not found", detail, null);
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "conflict", "Conflict", detail, null);
    }

    static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail, null);
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail, null);
    }

    /** The request names something outside the caller's tenant ({@code field}: where it was named). */
    static ApiProblem forbidden(String field, String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail, field);
    }

    /** A rate limit was hit; the reply carries {@code Retry-After}. */
    static ApiProblem tooManyRequests(String detail) {
        return new ApiProblem(429, "rate-limited", "Too many requests", detail, null);
    }

    static ApiProblem tooLarge(String detail) {
        return new ApiProblem(413, "payload-too-large", "Payload too large", detail, null);
    }

    static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "unavailable", "Service unavailable", detail, null);
    }

    /** No leader could be reached in time: nothing was applied, retry later (any node). */
    static ApiProblem noLeader(String detail) {
        return new ApiProblem(503, "no-leader", "No leader", detail, null);
    }

    /** The request went to the leader but no answer came back: it may or may not have been applied. */
    static ApiProblem outcomeUnknown(String detail) {
        return new ApiProblem(504, "outcome-unknown", "Outcome unknown", detail, null);
    }

    static ApiProblem internal(String detail) {
        return new ApiProblem(500, "internal", "Internal error", detail, null);
    }

    public int status() {
        return status;
    }

    /** The stable problem type's last part ({@code forbidden}, {@code validation}, ...). */
    String slug() {
        return slug;
    }

    Problem toProblem(String instance) {
        return new Problem(TYPE_PREFIX + slug, title, status, getMessage(), instance, field, leaderUrl);
    }
}
