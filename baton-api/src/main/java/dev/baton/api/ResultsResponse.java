package dev.baton.api;

import java.util.List;

/** Which results were recorded and which were rejected (stale attempt, unknown task, already finished). */
public record ResultsResponse(List<String> accepted, List<RejectedResult> rejected) {
    /** A result Baton did not record, and why. */
    public record RejectedResult(String taskId, String reason) {}
}
