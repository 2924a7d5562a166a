package dev.baton.server.raft;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.impl.ClientProtoUtils;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.StartLeaderElectionReplyProto;
import org.apache.ratis.proto.RaftProtos.StartLeaderElectionRequestProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an election as soon as a follower can prove that the leader's process is gone, instead of waiting out a
 * random election timeout.
 *
 * <p>Why: Ratis' follower notices a silent leader only when a whole random timeout passes without a message, which
 * is one to two timeouts after the last heartbeat (150-600 ms with the defaults) — most of a failover. When the
 * leader's host is up but its process died (killed, crashed, out of memory), the host's kernel refuses connections
 * to the leader's Raft port at once. This watch asks that question, and only when the leader is already late with
 * its heartbeats: silence past {@code suspectAfterMs} plus a connection refused is proof enough. A leader that is
 * merely slow, paused or cut off (the connection is accepted, or times out) is left to the normal timeout, and to
 * pre-vote, which protects a live leader from being deposed.
 *
 * <p>How: the proven-dead leader's last request is replayed to this node's own server as Ratis' {@code
 * StartLeaderElection} call (the one a leader sends to hand over leadership), naming the dead leader and this
 * node's last log entry; Ratis accepts it only if that leader and term are still current here. Raft's safety does
 * not depend on when elections start; only the timing changes. To avoid two followers splitting the vote, the
 * surviving voters take turns by id: the first waits {@code suspectAfterMs}, each next one {@code staggerMs} more,
 * and any follower that hears a candidate first stops (it no longer knows a leader).
 *
 * <p>Threading: one daemon thread ticking every {@link #TICK_MS}; it reads Ratis' thread-safe division state.
 */
final class LeaderCrashWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderCrashWatch.class);
    static final long TICK_MS = 10;
    static final int PROBE_TIMEOUT_MS = 50;
    /** While the leader stays silent, probe it at most this often (a slow leader may die during its silence). */
    static final long PROBE_INTERVAL_MS = 25;

    private final RaftServer server;
    private final RaftGroupId groupId;
    private final long suspectAfterMs;
    private final long staggerMs;
    private final long giveUpAfterMs;
    private final Runnable onElectionStarted;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("baton-leader-watch").daemon().factory());
    private long lastProbeNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MS);

    /**
     * @param suspectAfterMs how long a follower must have heard nothing from the leader before it probes it;
     *     above the heartbeat interval (half the minimum election timeout) so a heartbeat in flight is not mistaken
     *     for silence
     * @param staggerMs extra wait per place in the voters' turn order
     * @param giveUpAfterMs silence after which probing stops: by then Ratis' own election timeout has fired
     * @param onElectionStarted told each time this watch starts an election (for metrics)
     */
    LeaderCrashWatch(RaftServer server, RaftGroupId groupId, long suspectAfterMs, long staggerMs,
                     long giveUpAfterMs, Runnable onElectionStarted) {
        this.server = server;
        this.groupId = groupId;
        this.suspectAfterMs = suspectAfterMs;
        this.staggerMs = staggerMs;
        this.giveUpAfterMs = giveUpAfterMs;
        this.onElectionStarted = onElectionStarted;
    }

    LeaderCrashWatch start() {
        timer.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            check(server.getDivision(groupId));
        } catch (IOException | RuntimeException e) {
            LOG.debug("leader watch tick failed", e);
        }
    }

    private void check(RaftServer.Division division) {
        DivisionInfo info = division.getInfo();
        RaftPeerId leaderId = info.getLeaderId();
        if (!info.isFollower() || leaderId == null) {
            return;
        }
        RoleInfoProto role = info.getRoleInfoProto();
        if (!role.hasFollowerInfo() || !role.getFollowerInfo().hasLeaderInfo()) {
            return;
        }
        long silentMs = role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
        int turn = turn(division.getRaftConf().getCurrentPeers(), division.getId(), leaderId);
        long now = System.nanoTime();
        if (turn < 0 || silentMs < suspectAfterMs + turn * staggerMs || silentMs > giveUpAfterMs
                || now - lastProbeNanos < TimeUnit.MILLISECONDS.toNanos(PROBE_INTERVAL_MS)) {
            return;
        }
        lastProbeNanos = now;
        RaftPeer leader = division.getRaftConf().getPeer(leaderId);
        if (leader == null || !refusesConnections(leader.getAddress())) {
            return; // alive, paused or unreachable: the election timeout decides
        }
        long term = info.getCurrentTerm();
        TermIndex lastEntry = division.getRaftLog().getLastEntryTermIndex();
        if (lastEntry == null || lastEntry.getTerm() != term) {
            return; // this node lacks the leader's term's entries; Ratis would refuse, the timeout decides
        }
        LOG.info("leader {} refuses connections at {} and has been silent for {} ms: starting an election now",
                leaderId, leader.getAddress(), silentMs);
        StartLeaderElectionRequestProto request = StartLeaderElectionRequestProto.newBuilder()
                .setServerRequest(ClientProtoUtils.toRaftRpcRequestProtoBuilder(
                        RaftGroupMemberId.valueOf(leaderId, groupId), division.getId()))
                .setLeaderLastEntry(lastEntry.toProto())
                .build();
        try {
            StartLeaderElectionReplyProto reply = server.startLeaderElection(request);
            if (reply.getServerReply().getSuccess()) {
                onElectionStarted.run();
            }
        } catch (IOException e) {
            LOG.debug("starting an election failed; the election timeout will", e);
        }
    }

    /**
     * This node's place among the voters other than the leader, ordered by id (0 goes first), or -1 when it does
     * not vote.
     */
    static int turn(Collection<RaftPeer> voters, RaftPeerId self, RaftPeerId leader) {
        List<String> order = voters.stream()
                .map(p -> p.getId().toString())
                .filter(id -> !id.equals(leader.toString()))
                .sorted(Comparator.naturalOrder())
                .toList();
        return order.indexOf(self.toString());
    }

    /** True only when a TCP connection to {@code address} is actively refused (nothing listens there). */
    static boolean refusesConnections(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
