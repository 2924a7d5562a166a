package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code baton bench --memory}: how much heap a started cluster needs to hold {@code agents} registered agents and
 * {@code tasks} queued tasks. Registers the agents over HTTP (they never poll, so none of the tasks is dispatched:
 * the capability {@code bench.memory} has no agent), submits the tasks in batches of 1,000 without idempotency keys,
 * each with the input {@code {"i":N}}, then forces a full GC in every node ({@code jcmd GC.run}) and reads the heap in
 * use ({@code jcmd GC.heap_info}) before the tasks and after them. Bytes per queued task is the growth of the heap
 * divided by the tasks, averaged over the nodes; it includes the task's input as stored ({@code {"i":N}}, 9-14 bytes).
 */
final class MemoryRun {
    private static final Pattern USED = Pattern.compile("heap .*used (\\d+)K");
    private static final int BATCH = 1_000;
    private static final int SUBMITTERS = 4;
    private static final int REGISTRARS = 32;

    /** One node's heap in use after a full GC, before and after the tasks, and its resident memory after. */
    record NodeHeap(String id, Long heapBeforeBytes, Long heapAfterBytes, Long rssAfterBytes, Long peakRssBytes) {}

    /** The measurement; {@code agents} and {@code tasks} are what the state holds at the end (GET /v1/stats). */
    record Result(int agents, long tasks, double submitSeconds, double tasksPerSecond, Double bytesPerQueuedTask,
                  List<NodeHeap> nodes, String jvmOptions) {}

    private MemoryRun() {}

    static Result run(BenchTarget cluster, int agents, long tasks, String jvmOptions)
            throws IOException, InterruptedException {
        String leader = cluster.leaderUrl();
        try (HttpClient http = HttpClient.newHttpClient()) {
            AtomicLong nextAgent = new AtomicLong();
            List<Thread> registrars = new ArrayList<>();
            for (int s = 0; s < REGISTRARS; s++) {
                registrars.add(Thread.ofVirtual().start(() -> {
                    for (long i = nextAgent.getAndIncrement(); i < agents; i = nextAgent.getAndIncrement()) {
                        try {
                            postRetrying(http, leader + "/v1/agents", cluster.adminToken(), "{\"name\":\"idle-" + i
                                    + "\",\"capabilities\":[\"bench.memory.idle\"],\"maxConcurrency\":1}");
                        } catch (IOException e) {
                            throw new IllegalStateException("registering agent " + i + " failed: " + e.getMessage(), e);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            for (Thread t : registrars) {
                t.join();
            }
            List<Long> before = heaps(cluster);
            AtomicLong next = new AtomicLong();
            long started = System.nanoTime();
            List<Thread> submitters = new ArrayList<>();
            for (int s = 0; s < SUBMITTERS; s++) {
                submitters.add(Thread.ofVirtual().start(() -> submit(http, leader, cluster.adminToken(), tasks, next)));
            }
            for (Thread t : submitters) {
                t.join();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Long> after = heaps(cluster);
            List<NodeHeap> nodes = new ArrayList<>();
            double growth = 0;
            int measured = 0;
            for (int i = 0; i < cluster.nodes().size(); i++) {
                BenchTarget.Node n = cluster.nodes().get(i);
                nodes.add(new NodeHeap(n.id(), before.get(i), after.get(i),
                        n.pid() == null ? null : ProcStats.rssBytes(n.pid()).orElse(-1),
                        n.pid() == null ? null : ProcStats.peakRssBytes(n.pid()).orElse(-1)));
                if (before.get(i) != null && after.get(i) != null) {
                    growth += after.get(i) - before.get(i);
                    measured++;
                }
            }
            // A write retried after an unknown outcome may have been applied twice: count what the state holds.
            JsonNode stats = ReportFiles.JSON.readTree(get(http, leader + "/v1/stats", cluster.adminToken()));
            long queued = stats.path("queues").path("bench.memory").asLong();
            int registered = 0;
            for (JsonNode count : stats.path("agents")) {
                registered += count.asInt();
            }
            Double perTask = measured == 0 || queued == 0 ? null
                    : Math.round(growth / measured / queued * 10) / 10.0;
            return new Result(registered, queued, Math.round(seconds * 10) / 10.0, Math.round(queued / seconds),
                    perTask, nodes, jvmOptions);
        }
    }

    private static void submit(HttpClient http, String leader, String token, long tasks, AtomicLong next) {
        while (true) {
            long from = next.getAndAdd(BATCH);
            if (from >= tasks) {
                return;
            }
            StringBuilder body = new StringBuilder("{\"tasks\":[");
            for (long i = from; i < Math.min(tasks, from + BATCH); i++) {
                body.append(i == from ? "" : ",").append("{\"capability\":\"bench.memory\",\"input\":{\"i\":")
                        .append(i).append("}}");
            }
            body.append("]}");
            try {
                postRetrying(http, leader + "/v1/tasks/batch", token, body.toString());
            } catch (IOException e) {
                throw new IllegalStateException("submitting tasks " + from + "+ failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Posts, retrying up to 20 times a second apart on I/O errors and 5xx (elections on a loaded machine). */
    private static void postRetrying(HttpClient http, String url, String token, String body)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                post(http, url, token, body);
                return;
            } catch (IOException e) {
                if (attempt == 20 || e.getMessage().contains("answered 4")) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** Gets, retrying like {@link #postRetrying}: a loaded node may answer 5xx or 429 right after the submissions. */
    private static String get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() == 200) {
                return reply.body();
            }
            if (attempt == 20) {
                throw new IOException("GET " + url + " answered " + reply.statusCode() + ": " + reply.body());
            }
            Thread.sleep(1_000);
        }
    }

    private static void post(HttpClient http, String url, String token, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() / 100 != 2) {
            throw new IOException("POST " + url + " answered " + reply.statusCode() + ": " + reply.body());
        }
    }

    /** Each node's heap in use after a full GC, in bytes (null for a node whose process this one cannot see). */
    private static List<Long> heaps(BenchTarget cluster) throws IOException, InterruptedException {
        List<Long> out = new ArrayList<>();
        for (BenchTarget.Node n : cluster.nodes()) {
            if (n.pid() == null) {
                out.add(null);
                continue;
            }
            jcmd(n.pid(), "GC.run");
            Matcher m = USED.matcher(jcmd(n.pid(), "GC.heap_info"));
            out.add(m.find() ? Long.parseLong(m.group(1)) * 1024 : null);
        }
        return out;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
