package dev.baton.server.raft;

/**
 * What the Raft glue tells the rest of the node. Called on Ratis threads: implementations must be quick and
 * thread-safe, and must not call back into Ratis synchronously.
 */
public interface RaftEvents {
    /** Ignores everything (for scratch Raft groups). */
    RaftEvents NONE = new RaftEvents() {
        @Override
        public void leadership(boolean leader) {}

        @Override
        public void leaderChanged(String newLeaderId) {}

        @Override
        public void commitLatencyNanos(long nanos) {}

        @Override
        public void snapshotTaken(long bytes, long nanos) {}

        @Override
        public void crashElectionStarted() {}
    };

    /** This peer became a ready leader ({@code true}) or stopped being the leader ({@code false}). */
    void leadership(boolean leader);

    /** The leader this peer follows changed (to {@code newLeaderId}, possibly itself). */
    void leaderChanged(String newLeaderId);

    /** A proposed entry took this long from proposal to apply on this node. */
    void commitLatencyNanos(long nanos);

    /** A snapshot of {@code bytes} was written in {@code nanos}. */
    void snapshotTaken(long bytes, long nanos);

    /** This follower started an election because the leader's process was found gone ({@link LeaderCrashWatch}). */
    void crashElectionStarted();
}
