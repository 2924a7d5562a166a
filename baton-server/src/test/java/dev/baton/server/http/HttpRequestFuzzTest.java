package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.control.ControlSettings;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer targets that drive the real HTTP decoding path of a running single node (Javalin, JSON mapping,
 * validation, control, Raft) with fuzzed bodies and query strings. Contract: every request gets an answer within
 * {@link #ANSWER_WITHIN}, never a 5xx, and every 4xx is an RFC 9457 problem document whose {@code status} matches.
 *
 * <p>An input's first byte picks the endpoint from {@link #BODY_ROUTES} (or {@link #QUERY_ROUTES}), its second
 * whether the path id names an existing agent/task or an unknown one, and the rest is the body (or the query).
 * Committed inputs live under {@code src/test/resources/dev/baton/server/http/HttpRequestFuzzTestInputs/}; the
 * normal test run replays them. Cluster membership routes are left out on purpose (a fuzzed valid {@code POST
 * /v1/cluster/nodes} would really add an unreachable peer); their decoding is fuzzed in {@link ClusterRequestFuzzTest}.
 * Routes without a body ({@code DELETE}, plain {@code GET}s) have nothing to decode beyond the path.
 */
class HttpRequestFuzzTest {
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);
    /** Method and path of every JSON-body endpoint; {agent} and {task} are filled in per input. */
    static final List<String> BODY_ROUTES = List.of(
            "POST /v1/tasks",
            "POST /v1/tasks/batch",
            "POST /v1/tasks/{task}/cancel",
            "POST /v1/tasks/{task}/heartbeat",
            "POST /v1/agents",
            "POST /v1/agents/{agent}/heartbeat",
            "POST /v1/agents/{agent}/poll",
            "POST /v1/agents/{agent}/results",
            "POST /v1/keys");
    /** Endpoints whose input is the query string. */
    static final List<String> QUERY_ROUTES = List.of(
            "GET /v1/tasks",
            "GET /v1/tasks/{task}",
            "GET /v1/agents",
            "GET /v1/agents/{agent}",
            "GET /v1/stats",
            "GET /v1/cluster");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Path dataDir;
    private static BatonNode node;
    private static String agentId;
    private static String taskId;

    @BeforeAll
    static void startNode() throws Exception {
        dataDir = Files.createTempDirectory("baton-fuzz");
        ControlSettings d = ControlSettings.DEFAULTS;
        ControlSettings quickPolls = new ControlSettings(d.heartbeatIntervalMs(), d.agentTimeoutMs(),
                d.leaseTimeoutMs(), 20, d.retentionMs(), d.drainTimeoutMs());
        node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true).toBuilder().control(quickPolls)
                .maxRequestBytes(64 * 1024).build());
        agentId = send("POST", "/v1/agents", "{\"name\":\"fuzz\",\"capabilities\":[\"fuzz\"],\"maxConcurrency\":4}")
                .get("id").asText();
        taskId = send("POST", "/v1/tasks", "{\"capability\":\"fuzz\",\"input\":{}}").get("id").asText();
        // Finished, so a fuzzed ?waitMs on it answers at once: a wait on an unfinished task is a legitimate long poll
        // (bounded by the API's maximum wait), not a hang, and would only slow the fuzzer down.
        send("POST", "/v1/tasks/" + taskId + "/cancel", "");
    }

    @AfterAll
    static void stopNode() throws IOException {
        node.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "3m")
    void body_anyBytes_answersWithoutServerError(byte[] input) throws Exception {
        if (input.length < 2) {
            return;
        }
        String[] route = BODY_ROUTES.get(Byte.toUnsignedInt(input[0]) % BODY_ROUTES.size()).split(" ");
        byte[] body = Arrays.copyOfRange(input, 2, input.length);
        check(route[0], path(route[1], input[1]), body);
    }

    @FuzzTest(maxDuration = "3m")
    void query_anyText_answersWithoutServerError(byte[] input) throws Exception {
        if (input.length < 2) {
            return;
        }
        String[] route = QUERY_ROUTES.get(Byte.toUnsignedInt(input[0]) % QUERY_ROUTES.size()).split(" ");
        String query = new String(input, 2, input.length - 2, StandardCharsets.UTF_8);
        check(route[0], path(route[1], input[1]) + "?" + encodeQuery(query), null);
    }

    /**
     * Sends one request on this thread with {@link HttpURLConnection} (the JDK's {@code HttpClient} connects on its
     * own threads, where Jazzer's SSRF detector does not see the loopback allowance).
     */
    private static void check(String method, String path, byte[] body) throws Exception {
        allowLoopbackConnections();
        HttpURLConnection connection = (HttpURLConnection) URI.create(node.url() + path).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout((int) ANSWER_WITHIN.toMillis());
        connection.setRequestMethod(method);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Authorization", "Bearer " + node.adminToken());
        if (body != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (var out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        String contentType = connection.getContentType();
        String text;
        try (var in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(status).as("%s %s answered %s", method, path, text).isLessThan(500);
        if (status >= 400) {
            assertThat(contentType).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(text);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("type").asText()).isNotBlank();
        }
    }

    /**
     * Jazzer's SSRF detector flags every connection it has not been told about; these targets connect on purpose,
     * to this JVM's node on loopback. Anything else is still a finding. The allowance belongs to the calling
     * thread (replaying the seeds and fuzzing run on different ones), so it is set before every request.
     */
    private static void allowLoopbackConnections() {
        BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.startsWith("127."));
    }

    /** An existing id, an unknown one, or (for odd selectors) one with characters that need escaping. */
    private static String path(String template, byte selector) {
        String agent = switch (Byte.toUnsignedInt(selector) % 3) {
            case 0 -> agentId;
            case 1 -> "a_unknown";
            default -> URLEncoder.encode("a b/../%", StandardCharsets.UTF_8);
        };
        String task = switch (Byte.toUnsignedInt(selector) % 3) {
            case 0 -> taskId;
            case 1 -> "t_unknown";
            default -> URLEncoder.encode("t?x=1&y", StandardCharsets.UTF_8);
        };
        return template.replace("{agent}", agent).replace("{task}", task);
    }

    /** Splits {@code k=v&k2=v2} and percent-encodes each part, so any text becomes a valid query. */
    private static String encodeQuery(String text) {
        StringJoiner query = new StringJoiner("&");
        for (String pair : text.split("&", 64)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static JsonNode send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + node.adminToken()).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
