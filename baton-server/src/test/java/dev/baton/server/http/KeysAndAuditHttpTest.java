package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.AuditChain;
import dev.baton.api.AuditPage;
import dev.baton.api.AuditRecord;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API key lifecycle (tenant, expiry, rotation, revocation) and the audit trail, through HTTP on a real node. */
class KeysAndAuditHttpTest {
    @TempDir
    static Path dataDir;
    static BatonNode node;
    static TestHttp http;

    @BeforeAll
    static void startNode() throws Exception {
        node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true));
        http = new TestHttp(node.url());
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void rotate_givesANewToken_andTheOldOneWorksOnlyDuringItsGrace() throws Exception {
        JsonNode created = http.expect(201, "POST", "/v1/keys", "{\"name\":\"rot\",\"role\":\"viewer\","
                + "\"tenant\":\"acme\"}", node.adminToken());
        String id = created.get("id").asText();
        String first = created.get("token").asText();
        assertThat(created.get("tenant").asText()).isEqualTo("acme");

        JsonNode graceful = http.expect(200, "POST", "/v1/keys/" + id + "/rotate", "{\"graceMs\":600000}",
                node.adminToken());
        String second = graceful.get("token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(graceful.get("previousTokenValidUntil").asText()).isNotBlank();
        http.expect(200, "GET", "/v1/stats", null, first);
        http.expect(200, "GET", "/v1/stats", null, second);

        JsonNode immediate = http.expect(200, "POST", "/v1/keys/" + id + "/rotate", "{\"graceMs\":0}",
                node.adminToken());
        String third = immediate.get("token").asText();
        http.expect(401, "GET", "/v1/stats", null, first);
        http.expect(401, "GET", "/v1/stats", null, second);
        http.expect(200, "GET", "/v1/stats", null, third);
        JsonNode listed = http.expect(200, "GET", "/v1/keys", null, node.adminToken());
        assertThat(listed.toString()).doesNotContain(third).contains("\"tenant\":\"acme\"");

        http.expect(204, "DELETE", "/v1/keys/" + id, null, node.adminToken());
        http.expect(401, "GET", "/v1/stats", null, third);
        http.expect(404, "POST", "/v1/keys/" + id + "/rotate", null, node.adminToken());
    }

    @Test
    void expiredKey_stopsWorkingAndLeavesTheState() throws Exception {
        String expiresAt = Instant.now().plusMillis(4_000).toString();
        JsonNode created = http.expect(201, "POST", "/v1/keys", "{\"name\":\"short\",\"role\":\"viewer\","
                + "\"expiresAt\":\"" + expiresAt + "\"}", node.adminToken());
        String token = created.get("token").asText();
        http.expect(200, "GET", "/v1/stats", null, token);
        long deadline = System.currentTimeMillis() + 30_000;
        while (http.expect(200, "GET", "/v1/keys", null, node.adminToken()).toString()
                .contains(created.get("id").asText())) {
            assertThat(System.currentTimeMillis()).as("the leader removes the expired key").isLessThan(deadline);
            Thread.sleep(100);
        }
        http.expect(401, "GET", "/v1/stats", null, token);
        JsonNode past = http.expect(400, "POST", "/v1/keys", "{\"name\":\"old\",\"role\":\"viewer\","
                + "\"expiresAt\":\"2020-01-01T00:00:00Z\"}", node.adminToken());
        assertThat(past.get("field").asText()).isEqualTo("expiresAt");
        JsonNode adminTenant = http.expect(400, "POST", "/v1/keys", "{\"name\":\"x\",\"role\":\"admin\","
                + "\"tenant\":\"acme\"}", node.adminToken());
        assertThat(adminTenant.get("field").asText()).isEqualTo("tenant");
    }

    @Test
    void everyWrite_isAuditedWithPrincipalOutcomeAndRequestId_inOneUnbrokenChain() throws Exception {
        String submitter = http.createKey(node.adminToken(), "auditee", "submitter", "acme");
        var submitted = http.call("POST", "/v1/tasks", "{\"capability\":\"audited\"}", submitter);
        String taskId = TestHttp.JSON.readTree(submitted.body()).get("id").asText();
        String requestId = submitted.headers().firstValue("X-Request-Id").orElseThrow();
        http.expect(404, "POST", "/v1/tasks/t_missing/cancel", null, submitter);
        http.expect(403, "POST", "/v1/keys", "{\"name\":\"sneaky\",\"role\":\"admin\"}", submitter);
        http.expect(200, "POST", "/v1/tasks/" + taskId + "/cancel", null, submitter);

        JsonNode mine = http.expect(200, "GET", "/v1/audit?principal=auditee", null, node.adminToken());
        List<String> seen = new ArrayList<>();
        for (JsonNode e : mine.get("entries")) {
            seen.add(e.get("action").asText() + " " + e.get("resource").asText() + " -> " + e.get("outcome").asText());
            assertThat(e.get("tenant").asText()).isEqualTo("acme");
            assertThat(e.get("source").asText()).isNotBlank();
        }
        assertThat(seen).containsExactly(
                "POST /v1/tasks tasks/" + taskId + " -> ok",
                "POST /v1/tasks/{id}/cancel tasks/t_missing -> not-found",
                "POST /v1/keys keys -> forbidden",
                "POST /v1/tasks/{id}/cancel tasks/" + taskId + " -> ok");
        assertThat(mine.get("entries").get(0).get("requestId").asText()).isEqualTo(requestId);
        http.expect(403, "GET", "/v1/audit", null, submitter);
        http.expect(400, "GET", "/v1/audit?since=yesterday", null, node.adminToken());

        List<AuditRecord> all = export();
        assertThat(AuditChain.verify(all, AuditChain.GENESIS)).isEmpty();
        assertThat(all.getLast().seq()).isEqualTo(all.size());
    }

    @Test
    void forwardedWrite_recordsTheClaimedClientAndThePeerThatSentIt() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.url() + "/v1/tasks"))
                .header("Authorization", "Bearer " + node.adminToken())
                .header(LeaderForwarder.FORWARDED_FOR, "203.0.113.9")
                .header("X-Request-Id", "fwd-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"capability\":\"forwarded\"}")).build();
        var reply = TestHttp.HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        JsonNode entries = http.expect(200, "GET", "/v1/audit?action=POST%20/v1/tasks", null, node.adminToken())
                .get("entries");
        JsonNode forwarded = null;
        for (JsonNode e : entries) {
            if ("fwd-1".equals(e.get("requestId").asText())) {
                forwarded = e;
            }
        }
        assertThat(forwarded).isNotNull();
        assertThat(forwarded.get("source").asText()).isEqualTo("203.0.113.9 via 127.0.0.1");
    }

    private static List<AuditRecord> export() throws Exception {
        List<AuditRecord> all = new ArrayList<>();
        Long after = 0L;
        while (after != null) {
            AuditPage page = TestHttp.JSON.treeToValue(http.expect(200, "GET", "/v1/audit?limit=2&afterSeq=" + after,
                    null, node.adminToken()), AuditPage.class);
            all.addAll(page.entries());
            after = page.nextAfterSeq();
        }
        return all;
    }
}
