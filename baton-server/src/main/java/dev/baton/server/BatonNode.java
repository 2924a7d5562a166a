package dev.baton.server;

import dev.baton.server.audit.AuditingCommandLog;
import dev.baton.server.auth.JwtVerifier;
import dev.baton.server.auth.Tokens;
import dev.baton.server.policy.PolicyPoint;
import dev.baton.server.cluster.Peer;
import dev.baton.server.control.Control;
import dev.baton.server.crypto.EntryCipher;
import dev.baton.server.http.HttpApi;
import dev.baton.server.http.NodeStatus;
import dev.baton.server.metrics.BatonMetrics;
import dev.baton.server.raft.RaftEvents;
import dev.baton.server.raft.RaftNode;
import dev.baton.server.raft.RaftSettings;
import dev.baton.server.state.StateStore;
import dev.baton.server.tls.NodeTls;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Baton node: Raft peer, state store, leader control loop, HTTP API and metrics, wired together.
 * {@link #start} returns once the HTTP API listens and (for a single node) leadership is ready and the admin key is
 * in place; {@link #close} stops everything, in reverse order.
 */
public final class BatonNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatonNode.class);
    static final long CONTROL_TICK_MS = 50;
    static final long STARTUP_TIMEOUT_MS = 30_000;

    private final RaftNode raft;
    private final ScheduledExecutorService controlLoop;
    private final HttpApi http;
    private final String adminToken;
    private final String agentToken;
    private final Path dataDir;
    private final NodeTls tls;
    private final EntryCipher cipher;

    private BatonNode(RaftNode raft, ScheduledExecutorService controlLoop, HttpApi http, String adminToken,
                      String agentToken, Path dataDir, NodeTls tls, EntryCipher cipher) {
        this.tls = tls;
        this.cipher = cipher;
        this.raft = raft;
        this.controlLoop = controlLoop;
        this.http = http;
        this.adminToken = adminToken;
        this.agentToken = agentToken;
        this.dataDir = dataDir;
    }

    public static BatonNode start(NodeConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        String adminToken = adminToken(config);
        String agentToken = config.agentToken() != null ? config.agentToken().strip()
                : config.dev() ? Tokens.readOrCreate(config.dataDir().resolve("agent.token")) : null;
        if (config.peers().size() == 1 && config.self().raftPort() == 0) {
            Peer self = config.self();
            config = config.toBuilder().cluster(self.id(), List.of(new Peer(self.id(), self.host(), self.httpPort(),
                    freePort()))).build();
        }
        NodeTls tls = config.tls().enabled() ? NodeTls.load(config.tls()).watch() : null;
        EntryCipher cipher = EntryCipher.of(config.encryption()).watch(config.encryption().reloadCheckMs());
        StateStore store = new StateStore();
        BatonMetrics metrics = new BatonMetrics(store);
        metrics.bindTenants(config.control().tenantDefaults());
        ScheduledExecutorService loop = controlLoop();
        Control[] control = new Control[1];
        HttpApi[] httpApi = new HttpApi[1];
        RaftNode raft = startRaft(config, store, new RaftEvents() {
            @Override
            public void leadership(boolean leader) {
                if (control[0] != null) {
                    control[0].onLeadershipChange(leader);
                }
            }

            @Override
            public void leaderChanged(String newLeaderId) {
                LOG.info("leader is now {}", newLeaderId == null ? "unknown" : newLeaderId);
                metrics.leaderChanged();
                if (httpApi[0] != null) {
                    httpApi[0].localEvent("cluster.leader", newLeaderId);
                }
            }

            @Override
            public void commitLatencyNanos(long nanos) {
                metrics.recordCommitLatencyNanos(nanos);
            }

            @Override
            public void snapshotTaken(long bytes, long nanos) {
                metrics.recordSnapshot(bytes, nanos);
            }

            @Override
            public void crashElectionStarted() {
                metrics.crashElectionStarted();
            }
        }, tls, cipher, loop);
        metrics.bindRaft(raft::position);
        control[0] = new Control(new AuditingCommandLog(raft.commandLog()), store, loop, System::currentTimeMillis,
                config.control());
        KeyBootstrap keys = new KeyBootstrap(control[0], adminToken, agentToken);
        KeyExpiry expiry = new KeyExpiry(control[0]);
        if (raft.isLeaderReady()) {
            control[0].onLeadershipChange(true);
        }
        loop.scheduleAtFixedRate(() -> {
            try {
                if (!control[0].isLeader() && raft.isLeaderReady()) {
                    control[0].onLeadershipChange(true);
                } else if (control[0].isLeader() && !raft.isLeaderReady()) {
                    control[0].onLeadershipChange(false);
                }
                control[0].tick();
                keys.onTick();
                expiry.onTick();
            } catch (RuntimeException e) {
                LOG.error("control tick failed", e);
            }
        }, CONTROL_TICK_MS, CONTROL_TICK_MS, TimeUnit.MILLISECONDS);
        RaftSettings raftSettings = config.raft();
        NodeStatus status = new LocalNodeStatus(raft, control[0], store, raftSettings,
                tls == null ? null : tls.peerClientContext(), cipher);
        metrics.bindReady(status::ready);
        long waitForLeaderMs = Math.max(2_000, raftSettings.electionTimeoutMaxMs() * 4);
        HttpApi http = new HttpApi(new HttpApi.Settings(config.httpHost(), config.httpPort(),
                config.maxRequestBytes(), config.metricsOpen(), waitForLeaderMs, raftSettings.requestTimeoutMs(), tls,
                config.jwt() == null ? null : new JwtVerifier(config.jwt()),
                config.policy() == null ? null : new PolicyPoint(config.policy())),
                control[0], store, status, metrics, config.security()).start();
        httpApi[0] = http;
        raft.warmUpInBackground(config);
        BatonNode node = new BatonNode(raft, loop, http, adminToken, agentToken, config.dataDir(), tls, cipher);
        if (config.peers().size() == 1 && !config.join()) {
            keys.awaitStored(STARTUP_TIMEOUT_MS);
        }
        LOG.info("node {} serving HTTP on {}:{} (Raft {}; {} peers{})", config.nodeId(), config.httpHost(),
                http.port(), config.self().raftAddress(), config.peers().size(), config.join() ? ", joining" : "");
        return node;
    }

    /**
     * The control thread. {@link #close} stops it before Raft, so entries applied meanwhile hand it work it will
     * never run: that work is dropped, not refused (the state has those entries, and the next leadership rebuilds
     * soft state from it), so no exception reaches the apply thread.
     */
    static ScheduledExecutorService controlLoop() {
        return new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("baton-control").daemon().factory(),
                new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Starts the Raft peer; if it cannot start, stops what was started for it, so the error is all that remains. */
    private static RaftNode startRaft(NodeConfig config, StateStore store, RaftEvents events, NodeTls tls,
                                      EntryCipher cipher, ScheduledExecutorService loop) throws IOException {
        try {
            return RaftNode.start(config, store, events, tls, cipher);
        } catch (IOException | RuntimeException e) {
            loop.shutdownNow();
            cipher.close();
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
    }

    private static String adminToken(NodeConfig config) throws IOException {
        if (config.adminToken() != null && !config.adminToken().isBlank()) {
            return config.adminToken().strip();
        }
        if (config.dev()) {
            return Tokens.readOrCreate(config.adminTokenFile());
        }
        if (config.adminTokenFile() != null && Files.exists(config.adminTokenFile())) {
            return Tokens.read(config.adminTokenFile());
        }
        throw new IllegalArgumentException("no admin credential: set BATON_ADMIN_TOKEN or auth.adminToken, or write "
                + "a token to the admin token file (" + config.adminTokenFile() + "). `baton server` never runs "
                + "without one; `baton dev` creates one for you.");
    }

    public String url() {
        return http.scheme() + "://127.0.0.1:" + http.port();
    }

    /** Every HTTP route this node registered ({@code "METHOD /path"}); see {@link HttpApi#routes}. */
    public List<String> httpRoutes() {
        return http.routes();
    }

    public int httpPort() {
        return http.port();
    }

    public String adminToken() {
        return adminToken;
    }

    /** The dev agent token, or null outside dev mode. */
    public String agentToken() {
        return agentToken;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        http.close();
        controlLoop.shutdownNow();
        try {
            raft.close();
        } catch (IOException e) {
            LOG.warn("error while closing Raft", e);
        }
        if (tls != null) {
            tls.close();
        }
        cipher.close();
    }

    /** This node's TLS material (reload count, settings), or null without TLS. */
    public NodeTls tls() {
        return tls;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
