package dev.baton.server.raft;

import dev.baton.server.NodeConfig;
import dev.baton.server.cluster.Peer;
import dev.baton.server.control.CommandLog;
import dev.baton.server.crypto.EntryCipher;
import dev.baton.server.state.StateStore;
import dev.baton.server.tls.NodeTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;

/**
 * One Raft peer hosting Baton's state machine: its log and snapshots live under {@code <dataDir>/raft}. A single
 * node is a cluster of one; the same code runs 3 or 5 peers. Each member's HTTP base URL travels in its Raft peer
 * record (the "client address"), so every node knows where the leader's API is without extra configuration.
 *
 * <p>Thread-safe: the getters read Ratis' own thread-safe division state.
 */
public final class RaftNode implements AutoCloseable {
    /** Every Baton cluster uses this group id; clusters are told apart by their peers. */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
            "baton".getBytes(StandardCharsets.UTF_8)));

    /**
     * Peer ids of the scratch group {@link RaftWarmup} runs; Ratis' own log lines about it start with this, so the
     * CLI's logging can leave them out.
     */
    public static final String WARMUP_PEER_PREFIX = "raft-warmup-";
    private static final long WARMUP_STOP_TIMEOUT_MS = 15_000;

    private final RaftServer server;
    private final RaftCommandLog commandLog;
    private final RaftAdmin admin;
    private final RaftPeerId selfId;
    private final LeaderCrashWatch crashWatch;
    private volatile Thread warmup;

    private RaftNode(RaftServer server, RaftCommandLog commandLog, RaftPeerId selfId, long requestTimeoutMs,
                     LeaderCrashWatch crashWatch, String httpScheme) {
        this.server = server;
        this.commandLog = commandLog;
        this.selfId = selfId;
        this.admin = new RaftAdmin(server, GROUP_ID, requestTimeoutMs, httpScheme);
        this.crashWatch = crashWatch;
    }

    /**
     * Starts this node's peer, recovering its log and latest snapshot from {@code <dataDir>/raft}. A new node
     * bootstraps the cluster from {@code config.peers()}, or with {@code config.join()} starts with an empty
     * configuration and waits for the leader to add it. With {@code tls} (null for none) and
     * {@code tls.raftMutualTls}, every Raft connection is TLS with certificates checked both ways. Log entries and
     * snapshots are sealed and opened with {@code cipher} ({@link EntryCipher#plain()} for none).
     */
    public static RaftNode start(NodeConfig config, StateStore store, RaftEvents events, NodeTls tls,
                                 EntryCipher cipher) throws IOException {
        String scheme = config.tls().scheme();
        Path raftDir = config.dataDir().resolve("raft");
        Files.createDirectories(raftDir);
        List<RaftPeer> raftPeers = config.peers().stream().map(p -> raftPeer(p, scheme)).toList();
        RaftGroup group = config.join() ? RaftGroup.valueOf(GROUP_ID) : RaftGroup.valueOf(GROUP_ID, raftPeers);
        BatonStateMachine stateMachine = new BatonStateMachine(store, events, cipher);
        boolean existing = hasStorage(raftDir);
        RaftServer server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(config.nodeId()))
                .setGroup(group)
                .setProperties(RaftTuning.of(config, raftDir))
                .setStateMachine(stateMachine)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .setParameters(RaftTls.parameters(config.tls(), tls))
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.close(); // releases the storage lock, so the same directory can be started again
            throw e;
        }
        RaftSettings settings = config.raft();
        LeaderCrashWatch crashWatch = settings.crashDetection()
                ? new LeaderCrashWatch(server, GROUP_ID, RaftTuning.heartbeatIntervalMs(settings) + 20,
                        RaftTuning.heartbeatIntervalMs(settings), settings.electionTimeoutMaxMs(),
                        events::crashElectionStarted).start()
                : null;
        return new RaftNode(server, new RaftCommandLog(server, GROUP_ID, events::commitLatencyNanos, cipher),
                RaftPeerId.valueOf(config.nodeId()), settings.requestTimeoutMs(), crashWatch, scheme);
    }

    /** The Raft peer record of a Baton peer: Raft address, and the API URL (with {@code scheme}) as client address. */
    static RaftPeer raftPeer(Peer peer, String scheme) {
        return RaftPeer.newBuilder().setId(peer.id()).setAddress(peer.raftAddress())
                .setClientAddress(peer.httpUrl(scheme)).build();
    }

    private static boolean hasStorage(Path raftDir) throws IOException {
        try (var entries = Files.list(raftDir)) {
            return entries.findAny().isPresent();
        }
    }

    /**
     * On a node of a multi-node cluster, runs the Raft leader's code once on a scratch group in the background (see
     * {@link RaftWarmup}), so that this node's first leadership after a failover does not pay for it. It starts
     * once this node knows a leader, so it does not slow the cluster's first election.
     */
    public void warmUpInBackground(NodeConfig config) {
        if (config.peers().size() > 1 || config.join()) {
            warmup = RaftWarmup.startInBackground(config, () -> leaderId().isPresent());
        }
    }

    public CommandLog commandLog() {
        return commandLog;
    }

    /** Membership changes, leadership transfer, snapshots and read barriers. */
    public RaftAdmin admin() {
        return admin;
    }

    public String nodeId() {
        return selfId.toString();
    }

    RaftServer.Division division() throws IOException {
        return server.getDivision(GROUP_ID);
    }

    private DivisionInfo info() throws IOException {
        return division().getInfo();
    }

    public boolean isLeaderReady() {
        try {
            DivisionInfo info = info();
            return info.isLeader() && info.isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    /** The leader's id when this peer knows one (itself or another). */
    public Optional<String> leaderId() {
        try {
            RaftPeerId leader = info().getLeaderId();
            return leader == null ? Optional.empty() : Optional.of(leader.toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The leader's HTTP base URL when this peer knows the leader and its URL. */
    public Optional<String> leaderUrl() {
        try {
            RaftServer.Division division = division();
            RaftPeerId leader = division.getInfo().getLeaderId();
            if (leader == null) {
                return Optional.empty();
            }
            RaftPeer peer = division.getRaftConf().getPeer(leader);
            return peer == null || peer.getClientAddress() == null || peer.getClientAddress().isBlank()
                    ? Optional.empty() : Optional.of(peer.getClientAddress());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** This peer's own Raft position, for status, readiness and metrics. */
    public RaftPosition position() {
        try {
            RaftServer.Division division = division();
            DivisionInfo info = division.getInfo();
            RoleInfoProto role = info.getRoleInfoProto();
            Long lastContactMs = role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()
                    ? role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs() : null;
            RaftPeerId leader = info.getLeaderId();
            return new RaftPosition(selfId.toString(), roleName(info.getCurrentRole()),
                    leader == null ? null : leader.toString(), info.getCurrentTerm(),
                    division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(), lastContactMs,
                    leaderUrl().orElse(null));
        } catch (IOException e) {
            return new RaftPosition(selfId.toString(), "unknown", null, 0, 0, 0, null, null);
        }
    }

    /** Every member in the current configuration (voting members first), as Baton peers. */
    public List<Member> members() throws IOException {
        RaftServer.Division division = division();
        return division.getRaftConf().getAllPeers().stream()
                .map(p -> new Member(p.getId().toString(), p.getAddress(), p.getClientAddress()))
                .toList();
    }

    /** A member of the current Raft configuration: id, Raft address and HTTP URL (may be null). */
    public record Member(String id, String raftAddress, String httpUrl) {}

    static String roleName(RaftPeerRole role) {
        return role == null ? "unknown" : role.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        if (crashWatch != null) {
            crashWatch.close();
        }
        Thread running = warmup;
        if (running != null) {
            running.interrupt();
            try {
                running.join(WARMUP_STOP_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        commandLog.close();
        server.close();
    }
}
