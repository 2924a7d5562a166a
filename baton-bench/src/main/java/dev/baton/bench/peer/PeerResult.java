package dev.baton.bench.peer;

/**
 * One peer system's run: {@code status} is {@code ran}, {@code skipped} (it could not run here; {@code reason} says
 * why) or {@code failed} (it started but did not finish the jobs; {@code reason} says how far it got). Jobs/s counts
 * from the first enqueue to the last job's completion, durably recorded by the peer.
 */
public record PeerResult(String name, String version, String status, String reason, long jobs, double seconds,
                         double jobsPerSecond, String storage) {
    public static PeerResult skipped(String name, String reason) {
        return new PeerResult(name, null, "skipped", reason, 0, 0, 0, null);
    }

    public static PeerResult failed(String name, String version, String reason) {
        return new PeerResult(name, version, "failed", reason, 0, 0, 0, null);
    }

    public boolean ran() {
        return "ran".equals(status);
    }
}
