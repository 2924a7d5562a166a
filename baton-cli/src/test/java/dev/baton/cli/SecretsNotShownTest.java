package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's tokens appear in none of what an operator looks at: {@code baton status}, metrics, the cluster view. */
class SecretsNotShownTest {
    static final String ADMIN = "admin-secret-token-that-must-not-leak-0123";
    static final String AGENT = "agent-secret-token-that-must-not-leak-4567";

    @TempDir
    Path dir;

    @Test
    void statusMetricsAndClusterView_neverShowTheTokens() throws Exception {
        try (BatonNode node = BatonNode.start(NodeConfig.singleNode(dir, 0, false).toBuilder()
                .adminToken(ADMIN, dir.resolve("admin.token")).agentToken(AGENT).build())) {
            for (String output : new String[] {"text", "json"}) {
                Cli.Result status = Cli.run("status", "--url", node.url(), "--token", ADMIN, "-o", output);
                assertThat(status.exitCode()).as(status.err()).isZero();
                assertThat(status.out() + status.err()).doesNotContain(ADMIN).doesNotContain(AGENT);
            }
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"/metrics", "/v1/cluster", "/ready", "/v1/stats"}) {
                String body = http.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                        .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(body).as(path).doesNotContain(ADMIN).doesNotContain(AGENT);
            }
        }
    }
}
