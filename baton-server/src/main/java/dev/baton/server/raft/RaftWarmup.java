package dev.baton.server.raft;

import dev.baton.core.command.EvictFinishedTasks;
import dev.baton.server.NodeConfig;
import dev.baton.server.crypto.EntryCipher;
import dev.baton.server.state.StateStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Raft leader's code once in this JVM before it is needed: a scratch two-peer Ratis group on loopback, in
 * a temporary directory, elects a leader, commits a few no-op entries through a {@link RaftCommandLog}, hands
 * leadership to the other peer, commits a few more, and is deleted.
 *
 * <p>Why: a follower never runs Ratis' leader side (leader state, log appenders and their gRPC streams, the client
 * request path) or Baton's proposer. The first time it must — in the middle of a failover — class loading and
 * interpretation of that code took about a third of the failover on a 2-core machine. The scratch group touches
 * no state of the real one: its own group id, ports, directory and {@link StateStore}.
 *
 * <p>Threading: {@link #startInBackground} runs on one virtual thread; failures are logged and otherwise ignored.
 * The node stops it (and waits for its directory to be gone) when it closes, so nothing writes into a data
 * directory after the node that owns it has stopped.
 */
final class RaftWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(RaftWarmup.class);
    static final int ENTRIES_PER_LEADER = 10;
    private static final long STEP_TIMEOUT_MS = 10_000;

    private RaftWarmup() {}

    /**
     * Runs the warm-up on a virtual thread once {@code startWhen} holds (checked every 100 ms, for up to a minute).
     * Interrupting the returned thread stops it; it closes its servers and deletes its directory before it ends.
     */
    static Thread startInBackground(NodeConfig config, BooleanSupplier startWhen) {
        return Thread.ofVirtual().name("baton-raft-warmup").start(() -> {
            Path dir = config.dataDir().resolve("raft-warmup");
            try {
                long waitUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (!startWhen.getAsBoolean() && System.nanoTime() < waitUntil) {
                    Thread.sleep(100);
                }
                long started = System.nanoTime();
                run(config, dir);
                LOG.debug("Raft warm-up took {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.info("Raft warm-up failed (harmless): {}", e.toString());
            } finally {
                deleteQuietly(dir);
            }
        });
    }

    static void run(NodeConfig config, Path dir) throws Exception {
        deleteQuietly(dir);
        RaftGroupId groupId = RaftGroupId.valueOf(UUID.randomUUID());
        List<RaftPeer> peers = new ArrayList<>();
        for (int port : freePorts(2)) {
            peers.add(RaftPeer.newBuilder().setId(RaftNode.WARMUP_PEER_PREFIX + peers.size())
                    .setAddress("127.0.0.1:" + port).build());
        }
        RaftGroup group = RaftGroup.valueOf(groupId, peers);
        List<RaftServer> servers = new ArrayList<>();
        try {
            for (RaftPeer peer : peers) {
                servers.add(start(config, dir, group, peer));
            }
            RaftServer first = awaitLeader(servers, groupId, null);
            commitNoOps(first, groupId);
            RaftServer second = servers.stream().filter(s -> s != first).findFirst().orElseThrow();
            new RaftAdmin(first, groupId, STEP_TIMEOUT_MS, "http").transferLeadership(second.getId().toString())
                    .get(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            commitNoOps(awaitLeader(servers, groupId, second), groupId);
        } finally {
            for (RaftServer server : servers) {
                server.close();
            }
        }
    }

    private static RaftServer start(NodeConfig config, Path dir, RaftGroup group, RaftPeer peer) throws IOException {
        Path peerDir = dir.resolve(peer.getId().toString());
        Files.createDirectories(peerDir);
        RaftProperties properties = RaftTuning.of(config, peerDir);
        String address = peer.getAddress();
        GrpcConfigKeys.Server.setHost(properties, "127.0.0.1");
        GrpcConfigKeys.Server.setPort(properties, Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, false);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(properties, false);
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(properties, TimeDuration.valueOf(50, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(properties,
                TimeDuration.valueOf(100, TimeUnit.MILLISECONDS));
        RaftServer server = RaftServer.newBuilder()
                .setServerId(peer.getId())
                .setGroup(group)
                .setProperties(properties)
                .setStateMachine(new BatonStateMachine(new StateStore(), RaftEvents.NONE, EntryCipher.plain()))
                .setOption(RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        return server;
    }

    /** Waits until {@code expected} (or any server, if null) is a ready leader, and returns it. */
    private static RaftServer awaitLeader(List<RaftServer> servers, RaftGroupId groupId, RaftServer expected)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
        while (System.nanoTime() < deadline) {
            for (RaftServer server : servers) {
                var info = server.getDivision(groupId).getInfo();
                if ((expected == null || expected == server) && info.isLeader() && info.isLeaderReady()) {
                    return server;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no leader in the warm-up group");
    }

    private static void commitNoOps(RaftServer leader, RaftGroupId groupId) throws Exception {
        try (RaftCommandLog log = new RaftCommandLog(leader, groupId, nanos -> { }, EntryCipher.plain())) {
            for (int i = 0; i < ENTRIES_PER_LEADER; i++) {
                CompletableFuture<?> committed = log.propose(new EvictFinishedTasks(0, 1, 0));
                committed.get(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }
}
