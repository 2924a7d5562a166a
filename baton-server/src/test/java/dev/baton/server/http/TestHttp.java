package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON-over-HTTP client for tests against one node. */
record TestHttp(String baseUrl) {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        return HTTP.send(request(method, path, body, token), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON request with the bearer {@code token} (none when null) and a 30 s timeout. */
    HttpRequest request(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    /** Calls and checks the status, returning the parsed body (null for an empty one). */
    JsonNode expect(int status, String method, String path, String body, String token) throws Exception {
        HttpResponse<String> response = call(method, path, body, token);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    /** Creates a key and returns its token. */
    String createKey(String adminToken, String name, String role, String tenant) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"role\":\"" + role + "\""
                + (tenant == null ? "" : ",\"tenant\":\"" + tenant + "\"") + "}";
        return expect(201, "POST", "/v1/keys", body, adminToken).get("token").asText();
    }
}
