package dev.baton.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback stand-in for OPA's data API: {@code POST /v1/data/baton/allow} answers {@code {"result": rule(input)}}
 * (or, when the rule returns null, OPA's answer for an undefined document, {@code {}}). Records every input.
 */
public final class FakeOpa implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<JsonNode> inputs = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, Boolean> rule;
    private volatile long delayMs;
    private volatile int status = 200;

    public FakeOpa(Function<JsonNode, Boolean> rule) throws IOException {
        this.rule = rule;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/data/baton/allow", exchange -> {
            JsonNode input = JSON.readTree(exchange.getRequestBody()).path("input");
            inputs.add(input);
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Boolean allowed = this.rule.apply(input);
            byte[] body = (allowed == null ? "{}" : "{\"result\":" + allowed + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<JsonNode> inputs() {
        return inputs;
    }

    public void rule(Function<JsonNode, Boolean> next) {
        rule = next;
    }

    public void delayMs(long value) {
        delayMs = value;
    }

    public void status(int value) {
        status = value;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
