package dev.baton.cli.e2e;

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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Baton cluster of real {@code baton server} JVMs, node {@code i} on 127.0.0.{i+1} with its own ports and data
 * dir, for process-level fault tests: {@code kill -9}, {@code SIGSTOP}/{@code SIGCONT}, restart, wipe and re-add.
 * Every call is bounded in time.
 */
final class ClusterProcesses implements AutoCloseable {
    static final String ADMIN_TOKEN = "fault-test-admin-token-0123456789";
    static final String AGENT_TOKEN = "fault-test-agent-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static final long READY_TIMEOUT_MS = 60_000;

    /** One member: where it listens and its process, when running. */
    static final class Node {
        final String id;
        final String host;
        final int httpPort;
        final int raftPort;
        final Path dataDir;
        Process process;

        Node(String id, String host, int httpPort, int raftPort, Path dataDir) {
            this.id = id;
            this.host = host;
            this.httpPort = httpPort;
            this.raftPort = raftPort;
            this.dataDir = dataDir;
        }

        String url() {
            return "http://" + host + ":" + httpPort;
        }

        String spec() {
            return id + "=" + host + ":" + httpPort + ":" + raftPort;
        }

        boolean running() {
            return process != null && process.isAlive();
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Path root;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    ClusterProcesses(Path root, int size) throws IOException {
        this.root = root;
        for (int i = 1; i <= size; i++) {
            nodes.add(new Node("n" + i, "127.0.0." + (i + 1), BatonProcess.freePort(), BatonProcess.freePort(),
                    root.resolve("node-" + i)));
        }
    }

    List<Node> nodes() {
        return nodes;
    }

    Node node(String id) {
        return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
    }

    /** Every node's URL, comma-separated (the SDK's cluster form). */
    String urls() {
        return nodes.stream().map(Node::url).collect(Collectors.joining(","));
    }

    void startAll() throws Exception {
        for (Node node : nodes) {
            launch(node, false);
        }
        awaitAllReady();
    }

    /** Starts {@code node}'s process; {@code join} starts it outside the configuration, to be added. */
    void launch(Node node, boolean join) throws IOException {
        Files.createDirectories(node.dataDir);
        String peers = join ? node.spec() : nodes.stream().map(Node::spec).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(BatonProcess.JAVA, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Xmx512m", "-XX:+UseSerialGC", "-jar",
                BatonProcess.JAR.toString(), "server", "--node-id", node.id, "--peers", peers,
                "--data-dir", node.dataDir.toString(), "--host", node.host, "--port", Integer.toString(node.httpPort),
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        if (join) {
            command.add("--join");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dataDir.resolveSibling(node.id + ".log")
                        .toFile()));
        builder.environment().put("BATON_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("BATON_AUTH_AGENT_TOKEN", AGENT_TOKEN);
        // -DBATON_RAFT_ELECTION_TIMEOUT_MIN_MS=150 and the like reach the nodes as environment (for tuning runs).
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("BATON_"))
                .forEach(k -> builder.environment().put(k, System.getProperty(k)));
        node.process = builder.start();
    }

    void kill9(Node node) throws InterruptedException {
        node.process.destroyForcibly();
        node.process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop(Node node) throws InterruptedException {
        node.process.destroy();
        if (!node.process.waitFor(30, TimeUnit.SECONDS)) {
            node.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Stops every running node at once (SIGTERM to all, then waits), as an operator stopping the cluster would. */
    void stopAll() throws InterruptedException {
        for (Node node : nodes) {
            if (node.running()) {
                node.process.destroy();
            }
        }
        for (Node node : nodes) {
            if (node.process != null && !node.process.waitFor(30, TimeUnit.SECONDS)) {
                node.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    void signal(Node node, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + node.process.pid() + " failed");
        }
    }

    void wipe(Node node) throws IOException {
        if (!Files.exists(node.dataDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(node.dataDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The leader's id as the running nodes report it, once a majority agree and it is ready. */
    Optional<String> leader() {
        for (Node node : nodes) {
            if (!node.running()) {
                continue;
            }
            Optional<JsonNode> ready = getJson(node, "/ready");
            if (ready.isPresent() && ready.get().hasNonNull("leader")) {
                String leader = ready.get().get("leader").asText();
                Node leaderNode = node(leader);
                if (leaderNode.running() && getJson(leaderNode, "/ready").map(r -> "ready".equals(
                        r.path("status").asText())).orElse(false)) {
                    return Optional.of(leader);
                }
            }
        }
        return Optional.empty();
    }

    String awaitLeader() throws InterruptedException {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<String> leader = leader();
            if (leader.isPresent()) {
                return leader.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no ready leader within " + READY_TIMEOUT_MS + " ms");
    }

    void awaitAllReady() throws Exception {
        for (Node node : nodes) {
            if (node.running()) {
                awaitReady(node);
            }
        }
    }

    void awaitReady(Node node) throws Exception {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!node.running()) {
                throw new AssertionError(node.id + " exited:\n" + log(node));
            }
            if (status(node, "GET", "/ready", null) == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(node.id + " not ready within " + READY_TIMEOUT_MS + " ms:\n" + log(node));
    }

    String log(Node node) throws IOException {
        Path file = node.dataDir.resolveSibling(node.id + ".log");
        if (!Files.exists(file)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    Optional<JsonNode> getJson(Node node, String path) {
        try {
            HttpResponse<String> reply = send(node, "GET", path, null);
            return reply.statusCode() < 500 || reply.body().startsWith("{")
                    ? Optional.of(JSON.readTree(reply.body())) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * Sends a membership change to the current leader, again while it answers 503 (nothing changed: an election,
     * or a reconfiguration that timed out while a new member caught up on a loaded machine), for up to 90 s.
     * Returns the last status and body.
     */
    String membershipChange(String method, String path, String body) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (true) {
            Node leader = node(awaitLeader());
            HttpResponse<String> reply = send(leader, method, path, body);
            if (reply.statusCode() != 503 || System.currentTimeMillis() > deadline) {
                return reply.statusCode() + " " + reply.body();
            }
            Thread.sleep(500);
        }
    }

    int status(Node node, String method, String path, String body) {
        try {
            return send(node, method, path, body).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    HttpResponse<String> send(Node node, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until every running node reports the same applied index and state digest; returns the digest. */
    String awaitSameDigest() throws Exception {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            List<String> digests = new ArrayList<>();
            for (Node node : nodes) {
                if (node.running()) {
                    digests.add(getJson(node, "/v1/cluster/digest").map(d -> d.path("appliedIndex").asText() + "/"
                            + d.path("digest").asText()).orElse("unreachable"));
                }
            }
            last = digests.toString();
            if (digests.stream().distinct().count() == 1 && !digests.getFirst().equals("unreachable")) {
                return digests.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nodes did not converge on one state digest: " + last);
    }

    @Override
    public void close() throws Exception {
        for (Node node : nodes) {
            if (node.process != null && node.process.isAlive()) {
                signal(node, "CONT");
                stop(node);
            }
        }
    }
}
