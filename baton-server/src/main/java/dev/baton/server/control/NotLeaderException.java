package dev.baton.server.control;

/** This node is not (or no longer) the leader; {@code leaderHint} names the leader when known. */
public final class NotLeaderException extends RuntimeException {
    private final String leaderHint;

    public NotLeaderException(String leaderHint) {
        super(leaderHint == null ? "this node is not the leader and no leader is known"
                : "this node is not the leader; the leader is " + leaderHint);
        this.leaderHint = leaderHint;
    }

    public String leaderHint() {
        return leaderHint;
    }
}
