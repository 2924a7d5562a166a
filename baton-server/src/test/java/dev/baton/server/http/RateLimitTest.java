package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.auth.RateLimiter;
import dev.baton.server.auth.SecuritySettings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits through HTTP on a node whose buckets refill so slowly (one token per 100 s) that the test depends on
 * counts, not timing: 5 requests per key, 8 per tenant.
 */
class RateLimitTest {
    static final int KEY_BURST = 5;
    static final int TENANT_BURST = 8;
    @TempDir
    static Path dataDir;
    static BatonNode node;
    static TestHttp http;

    @BeforeAll
    static void startNode() throws Exception {
        SecuritySettings security = SecuritySettings.DEFAULTS
                .withKeyRate(new RateLimiter.Limit(0.01, KEY_BURST))
                .withTenantRate(new RateLimiter.Limit(0.01, TENANT_BURST));
        node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true).toBuilder().security(security).build());
        http = new TestHttp(node.url());
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void pastTheBurst_answers429WithRetryAfter_andOtherKeysAreUnaffected() throws Exception {
        String busy = http.createKey(node.adminToken(), "busy", "viewer", null);
        String quiet = http.createKey(node.adminToken(), "quiet", "viewer", null);
        for (int i = 0; i < KEY_BURST; i++) {
            assertThat(http.call("GET", "/v1/stats", null, busy).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> limited = http.call("GET", "/v1/stats", null, busy);
            assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L))
                    .isBetween(1L, 101L);
            assertThat(limited.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("application/problem+json");
            assertThat(TestHttp.JSON.readTree(limited.body()).get("type").asText())
                    .isEqualTo("https://baton.dev/problems/rate-limited");
        }
        assertThat(http.call("GET", "/v1/stats", null, quiet).statusCode()).isEqualTo(200);
        assertThat(http.call("GET", "/health", null, busy).statusCode()).isEqualTo(200);
    }

    @Test
    void keysOfOneTenant_shareTheTenantsBucket() throws Exception {
        String first = http.createKey(node.adminToken(), "t1", "viewer", "shared");
        String second = http.createKey(node.adminToken(), "t2", "viewer", "shared");
        String elsewhere = http.createKey(node.adminToken(), "t3", "viewer", "other");
        int ok = 0;
        for (String token : new String[] {first, second}) {
            for (int i = 0; i < KEY_BURST; i++) {
                if (http.call("GET", "/v1/stats", null, token).statusCode() == 200) {
                    ok++;
                }
            }
        }
        assertThat(ok).isEqualTo(TENANT_BURST);
        assertThat(http.call("GET", "/v1/stats", null, elsewhere).statusCode()).isEqualTo(200);
    }
}
