package dev.baton.server.raft;

import dev.baton.server.NodeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * Ratis properties for a Baton node, in one place with the reason for each choice.
 *
 * <p>Failover time is detection (Ratis' follower checks every random election timeout in [min, max] whether it
 * heard from the leader within that timeout, so it notices a dead leader between 1 and 2 timeouts after the last
 * heartbeat), then pre-vote and vote, the new leader's first commit, and the forwarded write's own commit.
 * Defaults 150-300 ms bring the median failover near half a second on a 2-core machine while heartbeats (every
 * min/2 = 75 ms) leave room for GC pauses; measured figures and the trade-off are in docs/operations.md.
 */
final class RaftTuning {
    /** Raft log entries (batches) are at most a few MiB; room for a batch of 1,000 large submissions. */
    static final SizeInBytes MAX_MESSAGE = SizeInBytes.valueOf("64MB");
    static final SizeInBytes SEGMENT_SIZE = SizeInBytes.valueOf("32MB");
    /** Log segments kept in heap: the open one and the last closed one (Ratis' default is 6, up to 200 MB). */
    static final int SEGMENTS_CACHED = 2;
    static final SizeInBytes SEGMENT_CACHE = SizeInBytes.valueOf("64MB");
    static final SizeInBytes SNAPSHOT_CHUNK = SizeInBytes.valueOf("4MB");

    private RaftTuning() {}

    static org.apache.ratis.conf.RaftProperties of(NodeConfig config, Path raftDir) {
        var settings = config.raft();
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        GrpcConfigKeys.Server.setHost(p, config.httpHost());
        GrpcConfigKeys.Server.setPort(p, config.self().raftPort());
        GrpcConfigKeys.setMessageSizeMax(p, MAX_MESSAGE);

        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(settings.electionTimeoutMinMs()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(settings.electionTimeoutMaxMs()));
        // A fresh single node elects itself at once; a fresh cluster waits a normal timeout for its peers.
        boolean single = config.peers().size() == 1 && !config.join();
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ms(single ? 50 : settings.electionTimeoutMinMs()));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ms(single ? 100 : settings.electionTimeoutMaxMs()));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(3_000, settings.electionTimeoutMaxMs() * 4)));
        // Pre-vote stops a node that was paused or cut off from disrupting a healthy leader when it returns.
        RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
        // A leader that cannot reach a majority steps down, so it stops serving reads and clients move on.
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, ms(settings.electionTimeoutMaxMs() * 3));

        // Linearizable reads: a follower asks the leader for its commit index and waits to apply it; the leader
        // answers from its lease (it heard from a majority within the election timeout) without a round trip.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        RaftServerConfigKeys.Read.setTimeout(p, ms(settings.requestTimeoutMs()));

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, settings.snapshotEveryEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, true);
        // Purging the log up to the snapshot keeps disk bounded; a follower that needs purged entries gets the
        // snapshot installed instead (chunked over gRPC).
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1_024, settings.snapshotEveryEntries()));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SEGMENT_SIZE);
        // The heap holds the replicated state; cached log entries are a copy of what is on disk. Ratis evicts a
        // closed segment only once it is applied and every follower has it, so a small cache costs disk reads only
        // for a follower that is far behind. Measured in docs/performance.md (bytes per queued task).
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, SEGMENTS_CACHED);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SEGMENT_CACHE);
        // Durability: every entry is fsynced before it counts toward the commit index (the defaults, stated here so
        // nobody turns them off by accident: unsafe flush would acknowledge entries that are not on disk yet).
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        // No metadata entries: by default Ratis appends (and fsyncs) an extra entry recording the commit index after
        // commits, which doubles the log writes on the hot path. The commit index is not needed for safety: after a
        // restart it is learned again from the leader (or, alone, by committing an entry of the new term), and the
        // state machine resumes from its snapshot and the log. Measured in docs/performance.md.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(p, SNAPSHOT_CHUNK);
        return p;
    }

    /** How often an idle Ratis leader sends heartbeats: half the minimum election timeout. */
    static long heartbeatIntervalMs(RaftSettings settings) {
        return settings.electionTimeoutMinMs() / 2;
    }

    private static TimeDuration ms(long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }
}
