package dev.baton.bench;

import dev.baton.api.ClusterView;
import dev.baton.cli.DevCluster;
import dev.baton.client.BatonClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The cluster a bench run loads: one this process started (a {@link DevCluster}: one {@code baton server} process per
 * node, so CPU and memory can be read per node) or one given by URL ({@code --target}), whose processes this
 * process cannot see. Closing stops a started cluster and leaves a targeted one alone.
 */
final class BenchTarget implements AutoCloseable {
    /** One node: its URL and, when this process started it, its process id. */
    record Node(String id, String url, Long pid) {}

    private final List<Node> nodes;
    private final String adminToken;
    private final String agentToken;
    static final Map<String, String> UNLIMITED_REQUESTS = Map.of("BATON_LIMITS_KEY_REQUESTS_PER_SECOND", "0",
            "BATON_LIMITS_TENANT_REQUESTS_PER_SECOND", "0");

    private final DevCluster started;

    private BenchTarget(List<Node> nodes, String adminToken, String agentToken, DevCluster started) {
        this.nodes = List.copyOf(nodes);
        this.adminToken = adminToken;
        this.agentToken = agentToken;
        this.started = started;
    }

    /** Starts {@code size} nodes on 127.0.0.1 with HTTP ports from {@code firstPort}, data under {@code dataDir}. */
    static BenchTarget start(int size, int firstPort, Path dataDir, List<String> jvmOptions)
            throws IOException, InterruptedException {
        // The bench's one admin key and one agent key carry every request: the per-key and per-tenant request
        // limits (1,000/s by default) would measure the limiter, not Baton, so the nodes it starts run without them.
        DevCluster cluster = DevCluster.start(size, firstPort, dataDir, jvmOptions, UNLIMITED_REQUESTS);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < cluster.peers().size(); i++) {
            nodes.add(new Node(cluster.peers().get(i).id(), cluster.peers().get(i).httpUrl(), cluster.pids().get(i)));
        }
        return new BenchTarget(nodes, cluster.adminToken(), cluster.agentToken(), cluster);
    }

    /** A running cluster at {@code urls}; {@code token} must be an admin key (it also runs the bench's agents). */
    static BenchTarget of(List<String> urls, String token) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            nodes.add(new Node("target-" + (i + 1), urls.get(i), null));
        }
        return new BenchTarget(nodes, token, token, null);
    }

    List<Node> nodes() {
        return nodes;
    }

    List<String> urls() {
        return nodes.stream().map(Node::url).toList();
    }

    String adminToken() {
        return adminToken;
    }

    String agentToken() {
        return agentToken;
    }

    boolean started() {
        return started != null;
    }

    /** An admin client over every node. */
    BatonClient adminClient() {
        return BatonClient.builder(urls()).token(adminToken).build();
    }

    /** The leader's URL as the cluster reports it, or the first node's when none is known. */
    String leaderUrl() {
        try (BatonClient client = adminClient()) {
            ClusterView view = client.cluster();
            return view.leaderUrl() != null ? view.leaderUrl() : nodes.getFirst().url();
        }
    }

    /** CPU milliseconds each node used so far (empty for a node this process cannot see). */
    List<OptionalLong> cpuMillis() {
        return nodes.stream().map(n -> n.pid() == null ? OptionalLong.empty() : ProcStats.cpuMillis(n.pid())).toList();
    }

    @Override
    public void close() {
        if (started != null) {
            started.close();
        }
    }
}
