package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSubmitHttpTest {
    private static final String BATCH = "{\"tasks\":[{\"capability\":\"batch.a\",\"idempotencyKey\":\"k1\"},"
            + "{\"capability\":\"batch.a\",\"idempotencyKey\":\"k2\"}]}";
    @TempDir
    static Path dataDir;
    static ApiTestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = ApiTestNode.start(dataDir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void preferReturnMinimal_answersIdsAndStatesOnly_inRequestOrder() throws Exception {
        HttpResponse<String> full = node.admin("POST", "/v1/tasks/batch", BATCH);
        HttpResponse<String> minimal = node.admin("POST", "/v1/tasks/batch", BATCH,
                "Prefer", "respond-async, RETURN=minimal; x=1");

        assertThat(full.statusCode()).isEqualTo(201);
        assertThat(full.headers().firstValue("Preference-Applied")).isEmpty();
        assertThat(minimal.statusCode()).isEqualTo(201);
        assertThat(minimal.headers().firstValue("Preference-Applied")).hasValue("return=minimal");
        JsonNode fullTasks = ApiTestNode.json(full).get("tasks");
        JsonNode minimalTasks = ApiTestNode.json(minimal).get("tasks");
        assertThat(fullTasks.get(0).has("capability")).isTrue();
        assertThat(ids(minimalTasks)).isEqualTo(ids(fullTasks)); // same keys: the same tasks, same order
        for (JsonNode task : minimalTasks) {
            assertThat(task.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("id", "state");
            assertThat(task.get("state").asText()).isEqualTo("queued");
        }
    }

    @Test
    void anotherPreference_getsTheFullReply() throws Exception {
        HttpResponse<String> reply = node.admin("POST", "/v1/tasks/batch",
                "{\"tasks\":[{\"capability\":\"batch.b\"}]}", "Prefer", "return=representation");

        assertThat(reply.statusCode()).isEqualTo(201);
        assertThat(reply.headers().firstValue("Preference-Applied")).isEmpty();
        assertThat(ApiTestNode.json(reply).get("tasks").get(0).get("capability").asText()).isEqualTo("batch.b");
    }

    /** A lone surrogate parses as JSON but cannot be written to the log: 400 for it, never a failure for others. */
    @Test
    void textThatIsNotUnicode_isRefusedAsInvalid_andFailsNoConcurrentRequest() throws Exception {
        List<java.util.concurrent.CompletableFuture<Integer>> good = new java.util.ArrayList<>();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> bad;
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                good.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> status(
                        "{\"capability\":\"batch.c\",\"input\":{\"s\":\"fine\"}}"), threads));
            }
            bad = java.util.concurrent.CompletableFuture.supplyAsync(() -> send(
                    "{\"capability\":\"batch.c\",\"input\":{\"s\":\"a\\ud800b\"}}"), threads);
        }

        assertThat(bad.join().statusCode()).as(bad.join().body()).isEqualTo(400);
        assertThat(bad.join().body()).contains("cannot be stored");
        assertThat(good).extracting(java.util.concurrent.CompletableFuture::join).containsOnly(201);
    }

    private static int status(String body) {
        return send(body).statusCode();
    }

    private static HttpResponse<String> send(String body) {
        try {
            return node.admin("POST", "/v1/tasks", body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(JsonNode tasks) {
        return StreamSupport.stream(tasks.spliterator(), false).map(t -> t.get("id").asText()).toList();
    }
}
