package dev.baton.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.auth.JwtSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWT bearer tokens and the policy decision point through a real node's HTTP API. */
class JwtAndPolicyHttpTest {
    static final String SECRET = "jwt-and-policy-test-secret-0123456789";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static FakeOpa opa;
    static BatonNode node;

    @BeforeAll
    static void start() throws Exception {
        opa = new FakeOpa(in -> !in.path("resource").path("tasks").findValuesAsText("capability")
                .contains("forbidden"));
        node = BatonNode.start(NodeConfig.singleNode(dir, 0, true).toBuilder()
                .jwt(new JwtSettings(null, null, SECRET, "https://idp.test", "baton", 60_000, "role", "tenant",
                        Map.of(), JwtSettings.DEFAULT_JWKS_REFRESH_MS))
                .policy(new PolicySettings(opa.url(), 5_000, false, 0, 100))
                .build());
    }

    @AfterAll
    static void stop() {
        node.close();
        opa.close();
    }

    static String token(String role, long expiresInMs) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("alice")
                .issuer("https://idp.test").audience("baton").claim("role", role)
                .expirationTime(new Date(System.currentTimeMillis() + expiresInMs)).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    static HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jwt_roleClaimDecidesAccess_expiredTokenIs401() throws Exception {
        assertThat(call("POST", "/v1/tasks", "{\"capability\":\"jwt\"}", token("submitter", 60_000)).statusCode())
                .isEqualTo(201);
        assertThat(call("GET", "/v1/tasks", null, token("viewer", 60_000)).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/v1/tasks", "{\"capability\":\"jwt\"}", token("viewer", 60_000)).statusCode())
                .isEqualTo(403);
        HttpResponse<String> expired = call("GET", "/v1/tasks", null, token("admin", -300_000));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(expired.body()).get("detail").asText()).contains("xpired");
        assertThat(call("GET", "/v1/tasks", null, node.adminToken()).statusCode()).as("API keys still work")
                .isEqualTo(200);
    }

    @Test
    void policy_asksBeforeSubmissionsAndAdminActions_deniesAndFailsClosed() throws Exception {
        int before = opa.inputs().size();
        HttpResponse<String> denied = call("POST", "/v1/tasks", "{\"capability\":\"forbidden\"}",
                token("submitter", 60_000));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(denied.body()).get("detail").asText()).contains("policy decision point denied");
        JsonNode input = opa.inputs().get(before);
        assertThat(input.at("/principal/name").asText()).isEqualTo("alice");
        assertThat(input.at("/principal/role").asText()).isEqualTo("submitter");
        assertThat(input.get("action").asText()).isEqualTo("POST /v1/tasks");
        assertThat(input.at("/resource/tasks/0/capability").asText()).isEqualTo("forbidden");

        assertThat(call("POST", "/v1/keys", "{\"name\":\"k\",\"role\":\"viewer\"}", node.adminToken()).statusCode())
                .isEqualTo(201);
        assertThat(opa.inputs().getLast().get("action").asText()).isEqualTo("POST /v1/keys");
        int asked = opa.inputs().size();
        assertThat(call("GET", "/v1/tasks", null, node.adminToken()).statusCode()).isEqualTo(200);
        assertThat(opa.inputs()).as("reads are not sent to the policy").hasSize(asked);

        opa.status(500);
        try {
            HttpResponse<String> closed = call("POST", "/v1/tasks", "{\"capability\":\"jwt\"}", node.adminToken());
            assertThat(closed.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(closed.body()).get("type").asText()).endsWith("policy-unavailable");
        } finally {
            opa.status(200);
        }
    }
}
