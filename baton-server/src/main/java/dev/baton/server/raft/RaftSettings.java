package dev.baton.server.raft;

/**
 * Raft tuning, all in milliseconds or entries.
 *
 * @param electionTimeoutMinMs a follower that hears nothing from the leader for a random time between min and max
 *     starts an election; this bounds failover time from below
 * @param electionTimeoutMaxMs upper bound of that random time; the spread avoids split votes
 * @param snapshotEveryEntries log entries between automatic snapshots (an entry is a batch of commands)
 * @param readyMaxLagEntries a node whose applied index is further than this behind the commit index it knows
 *     reports not ready
 * @param requestTimeoutMs how long a forwarded or replicated request may take before it fails
 * @param crashDetection a follower whose leader went silent probes the leader's Raft port and, when the connection
 *     is refused (the process is gone, the host is up), starts an election at once instead of after the timeout
 */
public record RaftSettings(long electionTimeoutMinMs, long electionTimeoutMaxMs, long snapshotEveryEntries,
                           long readyMaxLagEntries, long requestTimeoutMs, boolean crashDetection) {
    public static final RaftSettings DEFAULTS = new RaftSettings(150, 300, 20_000, 1_000, 10_000, true);

    public RaftSettings {
        if (electionTimeoutMinMs < 50) {
            throw new IllegalArgumentException("raft.electionTimeoutMinMs must be at least 50, got "
                    + electionTimeoutMinMs);
        }
        if (electionTimeoutMaxMs <= electionTimeoutMinMs) {
            throw new IllegalArgumentException("raft.electionTimeoutMaxMs (" + electionTimeoutMaxMs
                    + ") must be greater than raft.electionTimeoutMinMs (" + electionTimeoutMinMs + ")");
        }
        if (snapshotEveryEntries < 1) {
            throw new IllegalArgumentException("raft.snapshotEveryEntries must be at least 1, got "
                    + snapshotEveryEntries);
        }
        if (readyMaxLagEntries < 0) {
            throw new IllegalArgumentException("raft.readyMaxLagEntries must be 0 or more, got " + readyMaxLagEntries);
        }
        if (requestTimeoutMs < 100) {
            throw new IllegalArgumentException("raft.requestTimeoutMs must be at least 100, got " + requestTimeoutMs);
        }
    }
}
