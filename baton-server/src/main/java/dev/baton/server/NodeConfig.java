package dev.baton.server;

import dev.baton.server.auth.SecuritySettings;
import dev.baton.server.cluster.Peer;
import dev.baton.server.control.ControlSettings;
import dev.baton.server.crypto.EncryptionSettings;
import dev.baton.server.raft.RaftSettings;
import dev.baton.server.auth.JwtSettings;
import dev.baton.server.policy.PolicySettings;
import dev.baton.server.tls.TlsSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a node needs to start. Built by {@link #singleNode} for tests and {@code baton dev}, or from the YAML
 * file, {@code BATON_*} environment and flags by the config loader.
 *
 * @param nodeId this node's id; must be one of {@code peers}
 * @param peers every member of the cluster, this node included; one peer is a cluster of one
 * @param join start outside the cluster's configuration and wait to be added ({@code baton cluster add-node}) instead
 *     of bootstrapping a new cluster from {@code peers}
 * @param httpHost the address the HTTP API and Raft bind to ({@code 0.0.0.0} for every interface)
 * @param httpPort the HTTP port to bind; 0 picks a free one (tests)
 * @param adminToken the admin token; null to read (server) or create (dev) {@code adminTokenFile}
 * @param agentToken a token to store as an {@code agent} key on start, or null (dev clusters share one)
 * @param dev create missing token files ({@code admin.token}, {@code agent.token}) instead of refusing to start
 * @param security rate limits, request limits, CORS and audit retention
 * @param tls HTTPS for the API and mutual TLS between Raft peers; {@link TlsSettings#NONE} for plain HTTP
 * @param jwt how JWT bearer tokens are checked, or null to accept API keys only
 * @param policy the policy decision point asked before submissions and admin actions, or null for none
 * @param encryption encryption at rest of the Raft log and snapshots; {@link EncryptionSettings#NONE} for none
 */
public record NodeConfig(Path dataDir, String nodeId, List<Peer> peers, boolean join, String httpHost, int httpPort,
                         String adminToken, Path adminTokenFile, String agentToken, boolean metricsOpen,
                         long maxRequestBytes, ControlSettings control, RaftSettings raft, boolean dev,
                         SecuritySettings security, TlsSettings tls, JwtSettings jwt, PolicySettings policy,
                         EncryptionSettings encryption) {
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    public NodeConfig {
        tls = tls == null ? TlsSettings.NONE : tls;
        encryption = encryption == null ? EncryptionSettings.NONE : encryption;
        peers = List.copyOf(peers);
        Peer.checkUnique(peers);
        if (peers.stream().noneMatch(p -> p.id().equals(nodeId))) {
            throw new IllegalArgumentException("node.id '" + nodeId + "' is not among the peers " + peers.stream()
                    .map(Peer::id).toList() + ": add it to peers or pick one of those ids");
        }
    }

    /** A single node on loopback: Raft on {@code httpPort + 10000} (a free port when {@code httpPort} is 0). */
    public static NodeConfig singleNode(Path dataDir, int httpPort, boolean dev) {
        int raftPort = httpPort == 0 ? 0 : httpPort + Peer.RAFT_PORT_OFFSET;
        return new NodeConfig(dataDir, "n1", List.of(new Peer("n1", "127.0.0.1", httpPort, raftPort)), false,
                "127.0.0.1", httpPort, null, dataDir.resolve("admin.token"), null, true, DEFAULT_MAX_REQUEST_BYTES,
                ControlSettings.DEFAULTS, RaftSettings.DEFAULTS, dev, SecuritySettings.DEFAULTS, TlsSettings.NONE, null,
                null, EncryptionSettings.NONE);
    }

    /** The config without its tokens: a config may be logged, a token never. */
    @Override
    public String toString() {
        return "NodeConfig[dataDir=" + dataDir + ", nodeId=" + nodeId + ", peers=" + peers + ", join=" + join
                + ", http=" + httpHost + ":" + httpPort + ", adminToken=" + (adminToken == null ? "unset" : "<redacted>")
                + ", adminTokenFile=" + adminTokenFile + ", agentToken=" + (agentToken == null ? "unset" : "<redacted>")
                + ", metricsOpen=" + metricsOpen + ", maxRequestBytes=" + maxRequestBytes + ", control=" + control
                + ", raft=" + raft + ", dev=" + dev + ", security=" + security + ", tls=" + tls + ", jwt=" + jwt + ", policy=" + policy
                + ", encryption=" + encryption + "]";
    }

    /** This node's own entry in {@link #peers}. */
    public Peer self() {
        return peers.stream().filter(p -> p.id().equals(nodeId)).findFirst().orElseThrow();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few fields of a config. */
    public static final class Builder {
        private Path dataDir;
        private String nodeId;
        private List<Peer> peers;
        private boolean join;
        private String httpHost;
        private int httpPort;
        private String adminToken;
        private Path adminTokenFile;
        private String agentToken;
        private boolean metricsOpen;
        private long maxRequestBytes;
        private ControlSettings control;
        private RaftSettings raft;
        private boolean dev;
        private SecuritySettings security;
        private TlsSettings tls;
        private JwtSettings jwt;
        private PolicySettings policy;
        private EncryptionSettings encryption;

        private Builder(NodeConfig c) {
            dataDir = c.dataDir;
            nodeId = c.nodeId;
            peers = c.peers;
            join = c.join;
            httpHost = c.httpHost;
            httpPort = c.httpPort;
            adminToken = c.adminToken;
            adminTokenFile = c.adminTokenFile;
            agentToken = c.agentToken;
            metricsOpen = c.metricsOpen;
            maxRequestBytes = c.maxRequestBytes;
            control = c.control;
            raft = c.raft;
            dev = c.dev;
            security = c.security;
            tls = c.tls;
            jwt = c.jwt;
            policy = c.policy;
            encryption = c.encryption;
        }

        public Builder dataDir(Path value) { dataDir = value; return this; }
        public Builder cluster(String selfId, List<Peer> members) { nodeId = selfId; peers = members; return this; }
        public Builder join(boolean value) { join = value; return this; }
        public Builder httpHost(String value) { httpHost = value; return this; }
        public Builder httpPort(int value) { httpPort = value; return this; }
        public Builder adminToken(String token, Path tokenFile) { adminToken = token; adminTokenFile = tokenFile; return this; }
        public Builder agentToken(String value) { agentToken = value; return this; }
        public Builder metricsOpen(boolean value) { metricsOpen = value; return this; }
        public Builder maxRequestBytes(long value) { maxRequestBytes = value; return this; }
        public Builder control(ControlSettings value) { control = value; return this; }
        public Builder raft(RaftSettings value) { raft = value; return this; }
        public Builder dev(boolean value) { dev = value; return this; }
        public Builder tls(TlsSettings value) { tls = value; return this; }
        public Builder jwt(JwtSettings value) { jwt = value; return this; }
        public Builder policy(PolicySettings value) { policy = value; return this; }
        public Builder security(SecuritySettings value) { security = value; return this; }
        public Builder encryption(EncryptionSettings value) { encryption = value; return this; }

        public NodeConfig build() {
            return new NodeConfig(dataDir, nodeId, peers, join, httpHost, httpPort, adminToken, adminTokenFile,
                    agentToken, metricsOpen, maxRequestBytes, control, raft, dev, security, tls, jwt, policy,
                    encryption);
        }
    }
}
