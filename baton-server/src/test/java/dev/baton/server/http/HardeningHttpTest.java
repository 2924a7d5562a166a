package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.auth.RateLimiter;
import dev.baton.server.auth.SecuritySettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security headers, the CORS allow-list and the JSON and header limits, through HTTP on a real node. */
class HardeningHttpTest {
    static final String ALLOWED = "https://ops.example.com";
    @TempDir
    static Path dataDir;
    static BatonNode node;
    static TestHttp http;

    @BeforeAll
    static void startNode() throws Exception {
        SecuritySettings security = new SecuritySettings(RateLimiter.Limit.DEFAULT, RateLimiter.Limit.DEFAULT,
                SecuritySettings.DEFAULT_AUDIT_KEEP_ENTRIES, List.of(ALLOWED), 8, 2_000, 4_096);
        node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true).toBuilder().security(security).build());
        http = new TestHttp(node.url());
    }

    @AfterAll
    static void stopNode() {
        node.close();
        Json.limit(SecuritySettings.DEFAULT_MAX_JSON_DEPTH, SecuritySettings.DEFAULT_MAX_STRING_CHARS);
    }

    private static HttpResponse<String> send(String method, String path, String origin, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + node.adminToken());
        if (origin != null) {
            request.header("Origin", origin);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return TestHttp.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAnswer_carriesSecurityHeaders_andApiAnswersAreNotCached() throws Exception {
        for (String path : List.of("/health", "/v1/stats", "/v1/tasks/t_none")) {
            HttpResponse<String> response = send("GET", path, null);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).as(path)
                    .contains("frame-ancestors 'none'");
            assertThat(response.headers().firstValue("Cache-Control")).as(path).contains("no-store");
            assertThat(response.headers().firstValue("Strict-Transport-Security")).as("plain HTTP").isEmpty();
        }
    }

    @Test
    void cors_onlyTheAllowedOriginIsEchoed_andOnlyItsPreflightPasses() throws Exception {
        assertThat(send("GET", "/v1/stats", ALLOWED).headers().firstValue("Access-Control-Allow-Origin"))
                .contains(ALLOWED);
        assertThat(send("GET", "/v1/stats", "https://evil.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> preflight = send("OPTIONS", "/v1/tasks", ALLOWED,
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("Authorization");
        HttpResponse<String> refused = send("OPTIONS", "/v1/tasks", "https://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void deepJson_longStrings_andHugeHeaders_areRefused() throws Exception {
        String deep = "{\"capability\":\"deep\",\"input\":" + "[".repeat(12) + "]".repeat(12) + "}";
        JsonNode tooDeep = http.expect(400, "POST", "/v1/tasks", deep, node.adminToken());
        assertThat(tooDeep.get("detail").asText()).contains("nesting depth");
        String shallow = "{\"capability\":\"deep\",\"input\":" + "[".repeat(4) + "]".repeat(4) + "}";
        http.expect(201, "POST", "/v1/tasks", shallow, node.adminToken());
        JsonNode tooLong = http.expect(400, "POST", "/v1/tasks", "{\"capability\":\"long\",\"input\":\""
                + "x".repeat(3_000) + "\"}", node.adminToken());
        assertThat(tooLong.get("type").asText()).endsWith("/validation");
        assertThat(send("GET", "/v1/stats", null, "X-Padding", "p".repeat(8_000)).statusCode()).isEqualTo(431);
    }
}
