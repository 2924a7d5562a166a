package dev.baton.server.cluster;

import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.raft.RaftSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Several {@link BatonNode}s in this JVM on 127.0.0.1, free ports, one data dir each. For Raft tests. */
final class LocalCluster implements AutoCloseable {
    static final String ADMIN_TOKEN = "cluster-test-admin-token";
    static final RaftSettings FAST = new RaftSettings(300, 600, 50, 1_000, 10_000, true);

    private final Path root;
    private final List<Peer> peers;
    private final RaftSettings raft;
    private final Map<String, BatonNode> running = new LinkedHashMap<>();
    private java.util.function.Function<String, dev.baton.server.tls.TlsSettings> tls = id -> null;
    private dev.baton.server.crypto.EncryptionSettings encryption = dev.baton.server.crypto.EncryptionSettings.NONE;

    LocalCluster(Path root, int size) throws IOException {
        this(root, size, FAST);
    }

    LocalCluster(Path root, int size, RaftSettings raft) throws IOException {
        this.root = root;
        this.raft = raft;
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            ids.add("n" + i);
        }
        this.peers = freePeers(ids);
    }

    /** A peer on two free ports that no running node of this JVM uses. */
    static Peer freePeer(String id) throws IOException {
        return freePeers(List.of(id)).getFirst();
    }

    /** Peers on free ports, all held open together so the OS cannot hand out one port twice. */
    static List<Peer> freePeers(List<String> ids) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Peer> peers = new ArrayList<>();
            for (String id : ids) {
                ServerSocket http = new ServerSocket(0);
                sockets.add(http);
                ServerSocket raft = new ServerSocket(0);
                sockets.add(raft);
                peers.add(new Peer(id, "127.0.0.1", http.getLocalPort(), raft.getLocalPort()));
            }
            return List.copyOf(peers);
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    List<Peer> peers() {
        return peers;
    }

    /** TLS settings per node id (null for none), used by every node started from now on. */
    LocalCluster tls(java.util.function.Function<String, dev.baton.server.tls.TlsSettings> perNode) {
        this.tls = perNode;
        return this;
    }

    /** Encryption at rest for every node started from now on (one key file shared, as every node needs the same). */
    LocalCluster encryption(dev.baton.server.crypto.EncryptionSettings settings) {
        this.encryption = settings;
        return this;
    }

    NodeConfig config(Peer self, List<Peer> members, boolean join) {
        return NodeConfig.singleNode(root.resolve(self.id()), self.httpPort(), false).toBuilder()
                .cluster(self.id(), members)
                .join(join)
                .httpPort(self.httpPort())
                .adminToken(ADMIN_TOKEN, null)
                .raft(raft)
                .tls(tls.apply(self.id()))
                .encryption(encryption)
                .build();
    }

    BatonNode start(String id) throws IOException {
        Peer self = peers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        return start(config(self, peers, false));
    }

    BatonNode start(NodeConfig config) throws IOException {
        BatonNode node = BatonNode.start(config);
        running.put(config.nodeId(), node);
        return node;
    }

    void startAll() throws IOException {
        for (Peer peer : peers) {
            start(peer.id());
        }
    }

    void stop(String id) {
        BatonNode node = running.remove(id);
        if (node != null) {
            node.close();
        }
    }

    BatonNode node(String id) {
        return running.get(id);
    }

    Map<String, BatonNode> running() {
        return running;
    }

    Path dataDir(String id) {
        return root.resolve(id);
    }

    @Override
    public void close() {
        new ArrayList<>(running.keySet()).forEach(this::stop);
    }
}
