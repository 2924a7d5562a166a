package dev.baton.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A real single node on a random port with {@link TestHttp} helpers, for HTTP tests of one feature. */
final class TestNode implements AutoCloseable {
    final BatonNode node;

    private TestNode(BatonNode node) {
        this.node = node;
    }

    static TestNode start(Path dataDir) throws Exception {
        return new TestNode(BatonNode.start(NodeConfig.singleNode(dataDir, 0, true)));
    }

    static TestNode start(NodeConfig config) throws Exception {
        return new TestNode(BatonNode.start(config));
    }

    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        return new TestHttp(node.url()).call(method, path, body, token);
    }

    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return call(method, path, body, node.adminToken());
    }

    /** The JSON body of an admin call that must answer {@code status}. */
    JsonNode adminJson(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = admin(method, path, body);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not " + status
                    + ": " + response.body());
        }
        return json(response);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return TestHttp.JSON.readTree(response.body());
    }

    @Override
    public void close() {
        node.close();
    }
}
