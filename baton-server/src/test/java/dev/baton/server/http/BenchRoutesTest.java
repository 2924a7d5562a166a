package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/bench/noop} on a real single node: admin only, bounded, and it really commits no-ops. */
class BenchRoutesTest {
    @TempDir
    static Path dataDir;
    static BatonNode node;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startNode() throws Exception {
        node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    static HttpResponse<String> post(String path, String body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noop_commitsTheCommandsInBatches_andAdvancesTheLog() throws Exception {
        long before = JSON.readTree(get("/v1/cluster/self").body()).path("appliedIndex").asLong(-1);

        var reply = post("/v1/bench/noop", "{\"commands\":2000,\"outstanding\":500,\"maxDurationMs\":30000}",
                node.adminToken());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(reply.body());
        assertThat(result.get("commands").asLong()).isEqualTo(2000);
        assertThat(result.get("entries").asLong()).isBetween(1L, 2000L);
        assertThat(result.get("commandsPerEntry").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(result.get("commitP50Ms").asDouble()).isLessThanOrEqualTo(result.get("commitP99Ms").asDouble());
        assertThat(result.get("commitP99Ms").asDouble()).isLessThanOrEqualTo(result.get("commitMaxMs").asDouble());
        long after = JSON.readTree(get("/v1/cluster/self").body()).path("appliedIndex").asLong(-1);
        if (before >= 0) {
            assertThat(after - before).isGreaterThanOrEqualTo(result.get("entries").asLong());
        }
    }

    @Test
    void noop_refusesNonAdmins() throws Exception {
        var key = JSON.readTree(post("/v1/keys", "{\"name\":\"ops\",\"role\":\"operator\"}", node.adminToken()).body());

        var reply = post("/v1/bench/noop", "{}", key.get("token").asText());

        assertThat(reply.statusCode()).isEqualTo(403);
    }

    @Test
    void noop_outOfRangeField_isNamedInTheProblem() throws Exception {
        var reply = post("/v1/bench/noop", "{\"outstanding\":0}", node.adminToken());

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("outstanding");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Authorization", "Bearer " + node.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
