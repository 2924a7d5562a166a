package dev.baton.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conductor OSS from its Spring Boot server jar ({@code org.conductoross:conductor-server}, classifier {@code boot}),
 * started as a child process on 127.0.0.1 with PostgreSQL for its data, queues and index, and a Java worker
 * over its REST API in this process: {@link #WORKERS} threads batch-poll the task type and report each task
 * {@code COMPLETED}. One job is one workflow with one SIMPLE task; it counts as done when Conductor accepted the task's
 * completion. Workflows are started with {@link #STARTERS} concurrent {@code POST /api/workflow/{name}} calls (the
 * REST API has no batch start).
 *
 * <p>The jar (about 450 MB) is not a build dependency: pass {@code --conductor-jar} or set
 * {@code BATON_BENCH_CONDUCTOR_JAR}; by default it is looked up in the local Maven repository, where
 * {@code ./mvnw dependency:get -Dartifact=org.conductoross:conductor-server:VERSION:jar:boot} puts it.
 */
final class ConductorPeer {
    static final String NAME = "conductor";
    static final int WORKERS = 8;
    static final int STARTERS = 16;
    static final int PORT = 18_700;
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConductorPeer() {}

    static Path defaultJar() {
        String configured = System.getenv("BATON_BENCH_CONDUCTOR_JAR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String v = Versions.of(NAME);
        String repo = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return Path.of(repo, "org", "conductoross", "conductor-server", v, "conductor-server-" + v + "-boot.jar");
    }

    static PeerResult run(int jobs, Duration timeout, String pgUrl, String pgUser, Path jar) throws Exception {
        if (!Files.isRegularFile(jar)) {
            return PeerResult.skipped(NAME, "no Conductor server jar at " + jar + "; get it with ./mvnw "
                    + "dependency:get -Dartifact=org.conductoross:conductor-server:" + Versions.of(NAME)
                    + ":jar:boot, or pass --conductor-jar");
        }
        try (Postgres pg = new Postgres(pgUrl, pgUser, NAME)) {
            Path log = Files.createTempFile("baton-bench-conductor", ".log");
            String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + pg.schema();
            Process server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx1g", "-jar", jar.toString(), "--server.address=127.0.0.1",
                    "--server.port=" + PORT, "--conductor.db.type=postgres", "--conductor.queue.type=postgres",
                    "--conductor.indexing.type=postgres",
                    "--conductor.integrations.ai.enabled=false", "--conductor.scheduler.enabled=false",
                    "--spring.datasource.url=" + url, "--spring.datasource.username=" + pgUser,
                    "--spring.datasource.password=", "--conductor.postgres.schema=" + pg.schema()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
                String base = "http://127.0.0.1:" + PORT;
                if (!awaitUp(http, base, server)) {
                    return PeerResult.failed(NAME, Versions.of(NAME), "the server did not answer within "
                            + STARTUP.toSeconds() + " s (or exited); its log is " + log);
                }
                define(http, base);
                return measure(http, base, jobs, timeout, pg.durability());
            } finally {
                server.destroy();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    private static boolean awaitUp(HttpClient http, String base, Process server) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                if (call(http, "GET", base + "/api/metadata/taskdefs", null).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        return false;
    }

    private static void define(HttpClient http, String base) throws IOException, InterruptedException {
        expectOk(call(http, "POST", base + "/api/metadata/taskdefs", "[{\"name\":\"bench_noop\",\"retryCount\":0,"
                + "\"timeoutSeconds\":0,\"responseTimeoutSeconds\":60,\"ownerEmail\":\"bench@baton.dev\"}]"));
        expectOk(call(http, "POST", base + "/api/metadata/workflow", "{\"name\":\"bench_wf\",\"version\":1,"
                + "\"schemaVersion\":2,\"ownerEmail\":\"bench@baton.dev\",\"tasks\":[{\"name\":\"bench_noop\","
                + "\"taskReferenceName\":\"noop\",\"type\":\"SIMPLE\"}]}"));
    }

    private static PeerResult measure(HttpClient http, String base, int jobs, Duration timeout, String storage)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        List<Thread> threads = new ArrayList<>();
        Semaphore toStart = new Semaphore(jobs);
        for (int i = 0; i < STARTERS; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (toStart.tryAcquire() && System.nanoTime() < deadline) {
                    try {
                        expectOk(call(http, "POST", base + "/api/workflow/bench_wf", "{}"));
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (int i = 0; i < WORKERS; i++) {
            String worker = "bench-" + i;
            threads.add(Thread.ofVirtual().start(() -> work(http, base, worker, jobs, done, deadline)));
        }
        PeerResult result = Peers.await(NAME, Versions.of(NAME), storage, jobs, done, started, timeout);
        threads.forEach(Thread::interrupt);
        return errors.get() == 0 ? result : new PeerResult(result.name(), result.version(), result.status(),
                (result.reason() == null ? "" : result.reason() + "; ") + errors.get() + " workflow starts failed",
                result.jobs(), result.seconds(), result.jobsPerSecond(), result.storage());
    }

    private static void work(HttpClient http, String base, String worker, int jobs, AtomicLong done, long deadline) {
        while (done.get() < jobs && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> polled = call(http, "GET", base + "/api/tasks/poll/batch/bench_noop?count=100"
                        + "&timeout=100&workerid=" + worker, null);
                if (polled.statusCode() != 200 || polled.body().isBlank()) {
                    continue;
                }
                for (JsonNode task : JSON.readTree(polled.body())) {
                    String body = "{\"taskId\":\"" + task.get("taskId").asText() + "\",\"workflowInstanceId\":\""
                            + task.get("workflowInstanceId").asText() + "\",\"workerId\":\"" + worker
                            + "\",\"status\":\"COMPLETED\",\"outputData\":{}}";
                    if (call(http, "POST", base + "/api/tasks", body).statusCode() == 200) {
                        done.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // the server is busy or going away; poll again
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static HttpResponse<String> call(HttpClient http, String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectOk(HttpResponse<String> reply) throws IOException {
        if (reply.statusCode() / 100 != 2) {
            throw new IOException(reply.request().method() + " " + reply.request().uri().getPath() + " answered "
                    + reply.statusCode() + ": " + reply.body());
        }
    }
}
