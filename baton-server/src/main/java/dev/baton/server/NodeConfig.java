package dev.baton.server;

import dev.baton.server.control.ControlSettings;
import dev.baton.server.raft.RaftNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a node needs to start.
 *
 * @param adminToken the admin token; null to read (server) or create (dev) {@code adminTokenFile}
 * @param dev create missing token files ({@code admin.token}, {@code agent.token}) instead of refusing to start
 */
public record NodeConfig(Path dataDir, String nodeId, List<RaftNode.Peer> peers, String httpHost, int httpPort,
                         String adminToken, Path adminTokenFile, boolean metricsOpen, long maxRequestBytes,
                         ControlSettings control, boolean dev) {
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    /** A single node on loopback: Raft on {@code httpPort + 10000}. */
    public static NodeConfig singleNode(Path dataDir, int httpPort, boolean dev) {
        int raftPort = httpPort == 0 ? 0 : httpPort + 10_000;
        return new NodeConfig(dataDir, "n1", List.of(new RaftNode.Peer("n1", "127.0.0.1:" + raftPort)), "127.0.0.1",
                httpPort, null, dataDir.resolve("admin.token"), true, DEFAULT_MAX_REQUEST_BYTES,
                ControlSettings.DEFAULTS, dev);
    }

    public NodeConfig withRaftPort(int raftPort) {
        return new NodeConfig(dataDir, nodeId, List.of(new RaftNode.Peer(nodeId, "127.0.0.1:" + raftPort)), httpHost,
                httpPort, adminToken, adminTokenFile, metricsOpen, maxRequestBytes, control, dev);
    }

    public NodeConfig withControl(ControlSettings settings) {
        return new NodeConfig(dataDir, nodeId, peers, httpHost, httpPort, adminToken, adminTokenFile, metricsOpen,
                maxRequestBytes, settings, dev);
    }

    public NodeConfig withHost(String host) {
        return new NodeConfig(dataDir, nodeId, peers, host, httpPort, adminToken, adminTokenFile, metricsOpen,
                maxRequestBytes, control, dev);
    }

    public NodeConfig withMetricsOpen(boolean open) {
        return new NodeConfig(dataDir, nodeId, peers, httpHost, httpPort, adminToken, adminTokenFile, open,
                maxRequestBytes, control, dev);
    }

    public NodeConfig withAdminToken(String token, Path tokenFile) {
        return new NodeConfig(dataDir, nodeId, peers, httpHost, httpPort, token, tokenFile, metricsOpen,
                maxRequestBytes, control, dev);
    }

    public NodeConfig withMaxRequestBytes(long bytes) {
        return new NodeConfig(dataDir, nodeId, peers, httpHost, httpPort, adminToken, adminTokenFile, metricsOpen,
                bytes, control, dev);
    }
}
