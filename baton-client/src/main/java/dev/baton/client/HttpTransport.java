package dev.baton.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.Problem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * JSON over HTTP for one Baton base URL and token: builds requests, maps error replies to
 * {@link BatonApiException} and I/O failures to {@link BatonUnavailableException}.
 * Thread-safe: it holds only immutable settings and a thread-safe {@link HttpClient}.
 */
final class HttpTransport {
    private static final int MAX_DETAIL_CHARS = 500;

    private final String baseUrl;
    private final String token;
    private final Duration requestTimeout;
    private final HttpClient http;

    HttpTransport(String baseUrl, String token, Duration requestTimeout, Duration connectTimeout) {
        this.baseUrl = stripTrailingSlash(requireUrl(baseUrl));
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The base URL without a trailing slash. */
    String baseUrl() {
        return baseUrl;
    }

    /** The default per-request timeout. */
    Duration requestTimeout() {
        return requestTimeout;
    }

    /** Sends an authenticated request with the default timeout and binds the reply body to {@code type}. */
    <T> T send(String method, String path, Object body, Class<T> type) {
        return send(method, path, body, type, requestTimeout);
    }

    /** Sends an authenticated request and binds the reply body to {@code type}; null for an empty body. */
    <T> T send(String method, String path, Object body, Class<T> type, Duration timeout) {
        Reply reply = exchange(method, path, body, timeout, true);
        if (reply.status() >= 400) {
            throw new BatonApiException(reply.status(), problemOf(reply));
        }
        return bind(reply, type);
    }

    /** Sends a request and returns the raw status and body without treating error statuses as failures. */
    Reply exchange(String method, String path, Object body, Duration timeout, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        if (authenticated && token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(BatonJson.write(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new Reply(response.statusCode(), contentType, response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new BatonUnavailableException("cannot connect to Baton at " + baseUrl + ": connect timed out", e);
        } catch (HttpTimeoutException e) {
            throw new BatonTimeoutException(method + " " + path + " got no reply from " + baseUrl
                    + " within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new BatonUnavailableException("cannot reach Baton at " + baseUrl + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonUnavailableException(method + " " + path + " was interrupted", e);
        }
    }

    /** Aborts requests in flight and releases the client's threads and connections; later calls fail. */
    void shutdownNow() {
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

    /** The problem document of an error reply, or one synthesised from the status and the body text. */
    static Problem problemOf(Reply reply) {
        String body = reply.body() == null ? "" : reply.body().strip();
        if (body.startsWith("{")) {
            try {
                JsonNode tree = BatonJson.mapper().readTree(body);
                Problem parsed = BatonJson.mapper().treeToValue(tree, Problem.class);
                if (parsed.title() != null || parsed.detail() != null || parsed.type() != null) {
                    int status = parsed.status() != 0 ? parsed.status() : reply.status();
                    return new Problem(parsed.type(), parsed.title(), status, parsed.detail(), parsed.instance(),
                            parsed.field());
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // Not a problem document: fall through to a synthesised one.
            }
        }
        String detail = body.isEmpty() ? null : body.substring(0, Math.min(body.length(), MAX_DETAIL_CHARS));
        return new Problem("about:blank", reasonPhrase(reply.status()), reply.status(), detail, null, null);
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

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            message = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getClass().getSimpleName();
        }
        return message;
    }

    private static String requireUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("the Baton base URL is required, e.g. http://127.0.0.1:8080");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + baseUrl + "' is not a URL, e.g. http://127.0.0.1:8080", e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + baseUrl + "' is not an http(s) URL, e.g. http://127.0.0.1:8080");
        }
        return baseUrl.strip();
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** A raw reply: status, content type and body text. */
    record Reply(int status, String contentType, String body) {}
}
