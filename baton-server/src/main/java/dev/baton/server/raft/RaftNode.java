package dev.baton.server.raft;

import dev.baton.api.ClusterView;
import dev.baton.server.NodeConfig;
import dev.baton.server.cluster.Peer;
import dev.baton.server.control.CommandLog;
import dev.baton.server.state.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * One Raft peer hosting Baton's state machine: its log and snapshots live under {@code <dataDir>/raft}. A single
 * node is a cluster of one; the same code runs 3 or 5 peers.
 */
public final class RaftNode implements AutoCloseable {
    /** Every Baton cluster uses this group id; clusters are told apart by their peers. */
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
            "baton".getBytes(StandardCharsets.UTF_8)));

    private final RaftServer server;
    private final RaftCommandLog commandLog;
    private final RaftPeerId selfId;

    private RaftNode(RaftServer server, RaftCommandLog commandLog, RaftPeerId selfId) {
        this.server = server;
        this.commandLog = commandLog;
        this.selfId = selfId;
    }

    /**
     * Starts the peer {@code selfId} of {@code peers}, recovering its log and latest snapshot from {@code dataDir}.
     *
     * @param leadership told {@code true} when this peer becomes a ready leader, {@code false} when it stops being one
     */
    public static RaftNode start(NodeConfig config, StateStore store, Consumer<Boolean> leadership,
                                 LongConsumer commitLatencyNanos) throws IOException {
        Path raftDir = config.dataDir().resolve("raft");
        Files.createDirectories(raftDir);
        Peer self = config.self();
        List<Peer> peers = config.peers();
        String selfId = self.id();
        RaftSettings settings = config.raft();
        RaftProperties properties = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(properties, List.of(raftDir.toFile()));
        GrpcConfigKeys.Server.setHost(properties, config.httpHost());
        GrpcConfigKeys.Server.setPort(properties, self.raftPort());
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties,
                TimeDuration.valueOf(settings.electionTimeoutMinMs(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties,
                TimeDuration.valueOf(settings.electionTimeoutMaxMs(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(properties, TimeDuration.valueOf(50, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(properties,
                TimeDuration.valueOf(peers.size() == 1 ? 100 : 600, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, settings.snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, true);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf("32MB"));

        List<RaftPeer> raftPeers = peers.stream()
                .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress()).setClientAddress(p.httpUrl())
                        .build()).toList();
        RaftGroup group = RaftGroup.valueOf(GROUP_ID, raftPeers);
        BatonStateMachine stateMachine = new BatonStateMachine(store, leadership);
        boolean existing = hasStorage(raftDir);
        RaftServer server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(selfId))
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(stateMachine)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        return new RaftNode(server, new RaftCommandLog(server, GROUP_ID, commitLatencyNanos),
                RaftPeerId.valueOf(selfId));
    }

    private static boolean hasStorage(Path raftDir) throws IOException {
        try (var entries = Files.list(raftDir)) {
            return entries.findAny().isPresent();
        }
    }

    public CommandLog commandLog() {
        return commandLog;
    }

    private DivisionInfo info() throws IOException {
        return server.getDivision(GROUP_ID).getInfo();
    }

    public boolean isLeaderReady() {
        try {
            DivisionInfo info = info();
            return info.isLeader() && info.isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    /** True when this peer knows a leader (itself or another). */
    public boolean hasLeader() {
        try {
            return info().getLeaderId() != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The cluster as this peer sees it. */
    public ClusterView clusterView() throws IOException {
        RaftServer.Division division = server.getDivision(GROUP_ID);
        DivisionInfo info = division.getInfo();
        RaftPeerId leaderId = info.getLeaderId();
        List<ClusterView.NodeView> nodes = division.getGroup().getPeers().stream()
                .map(p -> new ClusterView.NodeView(p.getId().toString(), p.getAddress(),
                        p.getId().equals(selfId) ? info.getCurrentRole().name().toLowerCase(java.util.Locale.ROOT)
                                : p.getId().equals(leaderId) ? "leader" : "follower"))
                .toList();
        return new ClusterView(nodes, leaderId == null ? null : leaderId.toString(), info.getCurrentTerm(),
                division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex());
    }

    @Override
    public void close() throws IOException {
        commandLog.close();
        server.close();
    }
}
