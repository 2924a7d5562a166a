package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/bench/noop} on a real single node: admin only, bounded, and it really commits no-ops. */
class BenchRoutesTest {
    @TempDir
    static Path dataDir;
    static TestNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = TestNode.start(dataDir);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void noop_commitsTheCommandsInBatches_andAdvancesTheLog() throws Exception {
        long before = node.adminJson("GET", "/v1/cluster/self", null, 200).path("appliedIndex").asLong(-1);

        JsonNode result = node.adminJson("POST", "/v1/bench/noop",
                "{\"commands\":2000,\"outstanding\":500,\"maxDurationMs\":30000}", 200);

        assertThat(result.get("commands").asLong()).isEqualTo(2000);
        assertThat(result.get("entries").asLong()).isBetween(1L, 2000L);
        assertThat(result.get("commandsPerEntry").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(result.get("commitP50Ms").asDouble()).isLessThanOrEqualTo(result.get("commitP99Ms").asDouble());
        assertThat(result.get("commitP99Ms").asDouble()).isLessThanOrEqualTo(result.get("commitMaxMs").asDouble());
        long after = node.adminJson("GET", "/v1/cluster/self", null, 200).path("appliedIndex").asLong(-1);
        if (before >= 0) {
            assertThat(after - before).isGreaterThanOrEqualTo(result.get("entries").asLong());
        }
    }

    @Test
    void noop_refusesNonAdmins() throws Exception {
        JsonNode key = node.adminJson("POST", "/v1/keys", "{\"name\":\"ops\",\"role\":\"operator\"}", 201);

        var reply = node.call("POST", "/v1/bench/noop", "{}", key.get("token").asText());

        assertThat(reply.statusCode()).isEqualTo(403);
    }

    @Test
    void noop_outOfRangeField_isNamedInTheProblem() throws Exception {
        var reply = node.admin("POST", "/v1/bench/noop", "{\"outstanding\":0}");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.body()).contains("outstanding");
    }
}
