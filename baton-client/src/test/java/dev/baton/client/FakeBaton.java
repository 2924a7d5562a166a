package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A fake Baton node on 127.0.0.1 and a random port: routes by method and path regex, records every
 * request. Run several for a cluster; {@link Reply#drop()} breaks the connection after a request
 * arrived, {@link Reply#unavailable} answers like a node without a leader, and {@link #closedPortUrl()}
 * is a node that is down.
 */
public final class FakeBaton implements AutoCloseable {
    private final HttpServer server;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeBaton() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A base URL on 127.0.0.1 where nothing listens (connection refused), for a node that is down. */
    public static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** The base URL of the fake. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests whose method matches and whose path matches {@code pathRegex} entirely. */
    public FakeBaton on(String method, String pathRegex, Function<Request, Reply> responder) {
        routes.addFirst(new Route(method, Pattern.compile(pathRegex), responder));
        return this;
    }

    /** Every request received so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests received so far for this method and path regex. */
    public List<Request> requests(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equals(method) && pattern.matcher(r.path()).matches())
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Prefer"), body);
            requests.add(request);
            Reply reply = route(request);
            if (reply.status() == Reply.DROP_STATUS) {
                return; // Closing the exchange before any reply closes the connection: the client sees it break.
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Reply route(Request request) {
        for (Route route : routes) {
            if (route.method().equals(request.method()) && route.path().matcher(request.path()).matches()) {
                return route.responder().apply(request);
            }
        }
        return Reply.problem(404, "Not Found", "no route for " + request.method() + " " + request.path());
    }

    /** One received request. */
    public record Request(String method, String path, String query, String authorization, String prefer,
                          String body) {
        /** The body parsed as JSON. */
        public JsonNode json() {
            return BatonJson.parse(body);
        }

        /** The path segment at {@code index} (0 is {@code v1}). */
        public String segment(int index) {
            return path.substring(1).split("/")[index];
        }
    }

    /** A reply to send, with extra headers. */
    public record Reply(int status, String contentType, String body, Map<String, String> headers) {
        static final int DROP_STATUS = -1;

        public Reply(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }

        /** No reply at all: the connection is closed after the request was read. */
        public static Reply drop() {
            return new Reply(DROP_STATUS, null, null);
        }

        /** A 503 problem as a node without a leader sends it; {@code leaderUrl} may be null. */
        public static Reply unavailable(String leaderUrl) {
            return new Reply(503, "application/problem+json", BatonJson.write(new dev.baton.api.Problem(
                    "https://baton.dev/problems/unavailable", "Service unavailable", 503,
                    leaderUrl == null ? "no leader is known" : "this node is not the leader", null, null,
                    leaderUrl)));
        }

        /** This reply with one more header. */
        public Reply withHeader(String name, String value) {
            Map<String, String> more = new java.util.LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, contentType, body, Map.copyOf(more));
        }

        public static Reply json(int status, Object body) {
            return new Reply(status, "application/json", body instanceof String s ? s : BatonJson.write(body));
        }

        public static Reply noContent() {
            return new Reply(204, null, null);
        }

        public static Reply problem(int status, String title, String detail) {
            return new Reply(status, "application/problem+json", BatonJson.write(
                    new dev.baton.api.Problem("https://baton.dev/problems/test", title, status, detail, null, null)));
        }
    }

    private record Route(String method, Pattern path, Function<Request, Reply> responder) {}
}
