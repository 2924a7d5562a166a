package dev.baton.cli;

import dev.baton.server.auth.Tokens;
import dev.baton.server.cluster.Peer;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A local cluster for {@code baton dev --nodes N}: one {@code baton server} process per node on 127.0.0.1,
 * consecutive HTTP ports from {@code firstPort} (Raft on HTTP + 10000), data in {@code <dataRoot>/node-N}, logs in
 * {@code <dataRoot>/node-N/node.log}. The nodes share the admin and agent tokens kept in {@code <dataRoot>}, so the
 * CLI's defaults work against any of them. Each child watches this process and exits when it does, so a killed
 * {@code baton dev} leaves no nodes behind. {@code baton bench} (module baton-bench) starts its clusters with it too.
 */
public final class DevCluster implements AutoCloseable {
    static final long READY_TIMEOUT_MS = 90_000;

    private final List<Peer> peers;
    private final Path dataRoot;
    private final String adminToken;
    private final String agentToken;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final List<Process> processes = new ArrayList<>();

    private DevCluster(List<Peer> peers, Path dataRoot, String adminToken, String agentToken, List<String> jvmOptions,
            Map<String, String> environment) {
        this.peers = peers;
        this.dataRoot = dataRoot;
        this.adminToken = adminToken;
        this.agentToken = agentToken;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.environment = Map.copyOf(environment);
    }

    /** Starts {@code size} node processes and waits until every one reports ready. */
    public static DevCluster start(int size, int firstPort, Path dataRoot) throws IOException, InterruptedException {
        return start(size, firstPort, dataRoot, List.of());
    }

    /**
     * As {@link #start(int, int, Path)}, with extra options for each node's JVM after the defaults (so
     * {@code -Xmx2g} overrides the default {@code -Xmx1g}); {@code {node}} in an option becomes the node id.
     */
    public static DevCluster start(int size, int firstPort, Path dataRoot, List<String> jvmOptions)
            throws IOException, InterruptedException {
        return start(size, firstPort, dataRoot, jvmOptions, Map.of());
    }

    /** As above, with extra {@code BATON_*} settings in each node's environment (after the tokens). */
    public static DevCluster start(int size, int firstPort, Path dataRoot, List<String> jvmOptions,
            Map<String, String> environment) throws IOException, InterruptedException {
        List<Peer> peers = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            int http = firstPort + i - 1;
            peers.add(new Peer("n" + i, "127.0.0.1", http, http + Peer.RAFT_PORT_OFFSET));
        }
        Files.createDirectories(dataRoot);
        DevCluster cluster = new DevCluster(peers, dataRoot, Tokens.readOrCreate(dataRoot.resolve("admin.token")),
                Tokens.readOrCreate(dataRoot.resolve("agent.token")), jvmOptions, environment);
        try {
            for (Peer peer : peers) {
                cluster.processes.add(cluster.launch(peer));
            }
            cluster.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private Process launch(Peer peer) throws IOException {
        Path dir = dataRoot.resolve("node-" + peer.id().substring(1));
        Files.createDirectories(dir);
        String peerList = peers.stream().map(Peer::spec).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-Xmx1g"));
        jvmOptions.forEach(option -> command.add(option.replace("{node}", peer.id())));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BatonCommand.class.getName(), "server",
                "--node-id", peer.id(), "--peers", peerList, "--data-dir", dir.toString(),
                "--host", peer.host(), "--port", Integer.toString(peer.httpPort()),
                "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()));
        builder.environment().put("BATON_ADMIN_TOKEN", adminToken);
        builder.environment().put("BATON_AUTH_AGENT_TOKEN", agentToken);
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        for (int i = 0; i < peers.size(); i++) {
            Peer peer = peers.get(i);
            while (!ready(http, peer)) {
                if (!processes.get(i).isAlive()) {
                    throw new IOException("node " + peer.id() + " exited with code " + processes.get(i).exitValue()
                            + "; see " + logFile(peer));
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("node " + peer.id() + " not ready after " + READY_TIMEOUT_MS + " ms; see "
                            + logFile(peer));
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean ready(HttpClient http, Peer peer) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(peer.httpUrl() + "/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public List<Peer> peers() {
        return peers;
    }

    /** Every node's URL, comma-separated, the form the SDK and CLI accept for a cluster. */
    public String urls() {
        return peers.stream().map(Peer::httpUrl).collect(Collectors.joining(","));
    }

    public Path logFile(Peer peer) {
        return dataRoot.resolve("node-" + peer.id().substring(1)).resolve("node.log");
    }

    public String agentToken() {
        return agentToken;
    }

    public Path adminTokenFile() {
        return dataRoot.resolve("admin.token");
    }

    /** The admin token every node accepts. */
    public String adminToken() {
        return adminToken;
    }

    /** The operating-system process id of each node, in {@link #peers()} order. */
    public List<Long> pids() {
        return processes.stream().map(Process::pid).toList();
    }

    /** Stops every node (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
