package dev.baton.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A real single node on a random port and admin calls against it, for HTTP tests of one feature each. */
final class ApiTestNode implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BatonNode node;

    private ApiTestNode(BatonNode node) {
        this.node = node;
    }

    static ApiTestNode start(Path dataDir) throws Exception {
        return new ApiTestNode(BatonNode.start(NodeConfig.singleNode(dataDir, 0, true)));
    }

    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return admin(method, path, body, new String[0]);
    }

    /** As {@link #admin(String, String, String)}, with more request headers as name, value, name, value... */
    HttpResponse<String> admin(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + node.adminToken());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** Registers an agent offering one capability with the given labels (a JSON object) and returns its id. */
    String register(String name, String capability, String labels) throws Exception {
        return json(admin("POST", "/v1/agents", "{\"name\":\"" + name + "\",\"capabilities\":[\"" + capability
                + "\"],\"maxConcurrency\":4,\"labels\":" + labels + "}")).get("id").asText();
    }

    @Override
    public void close() {
        node.close();
    }
}
