package dev.baton.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.api.Problem;

/** Reads the problem document of an error reply, or makes one up from the status line. Stateless. */
final class Problems {
    private static final int MAX_DETAIL_CHARS = 500;

    private Problems() {}

    /** The problem document of an error reply (leader hint included), or one synthesised from the status and body. */
    static Problem of(HttpTransport.Reply reply) {
        String body = reply.body() == null ? "" : reply.body().strip();
        if (body.startsWith("{")) {
            try {
                Problem parsed = BatonJson.mapper().readValue(body, Problem.class);
                if (parsed.title() != null || parsed.detail() != null || parsed.type() != null) {
                    int status = parsed.status() != 0 ? parsed.status() : reply.status();
                    return new Problem(parsed.type(), parsed.title(), status, parsed.detail(), parsed.instance(),
                            parsed.field(), parsed.leaderUrl());
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // Not a problem document: fall through to a synthesised one.
            }
        }
        String detail = body.isEmpty() ? null : body.substring(0, Math.min(body.length(), MAX_DETAIL_CHARS));
        return new Problem("about:blank", reasonPhrase(reply.status()), reply.status(), detail, null, null);
    }

    /** A short description for logs: status, title and detail. */
    static String describe(Problem problem) {
        StringBuilder text = new StringBuilder().append(problem.status());
        if (problem.title() != null) {
            text.append(' ').append(problem.title());
        }
        if (problem.detail() != null) {
            text.append(": ").append(problem.detail());
        }
        return text.toString();
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }
}
