package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;

/** A fake Baton on 127.0.0.1 and a random port: routes by method and path regex, records every request. */
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
                    body);
            requests.add(request);
            Reply reply = route(request);
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
    public record Request(String method, String path, String query, String authorization, String body) {
        /** The body parsed as JSON. */
        public JsonNode json() {
            return BatonJson.parse(body);
        }

        /** The path segment at {@code index} (0 is {@code v1}). */
        public String segment(int index) {
            return path.substring(1).split("/")[index];
        }
    }

    /** A reply to send. */
    public record Reply(int status, String contentType, String body) {
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
