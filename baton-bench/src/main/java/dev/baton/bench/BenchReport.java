package dev.baton.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.api.NoopBenchResult;
import dev.baton.bench.peer.PeerResult;
import java.util.List;

/**
 * The result of one {@code baton bench} run, written as JSON (the field names are the contract: scripts and
 * docs/performance.md read {@code tasksPerSecond}, {@code dispatchP50Ms}, {@code dispatchP99Ms},
 * {@code ceilingTasksPerSecond} and {@code peers}). Ratios are Baton's tasks/s over the other's; null when the other
 * did not run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BenchReport(String date, String commit, Machine machine, Settings settings, double tasksPerSecond,
                   long tasksSubmitted, long tasksFinished, long submitErrors, long tasksUnfinished,
                   double dispatchP50Ms, double dispatchP90Ms, double dispatchP99Ms, double dispatchMaxMs,
                   double finishP50Ms, double finishP90Ms, double finishP99Ms, double finishMaxMs,
                   long submitRequests, double submitRequestP50Ms, double submitRequestP95Ms,
                   double submitRequestP99Ms, long submitRequestErrors,
                   Double ceilingTasksPerSecond, NoopBenchResult ceiling, Double batonOverCeiling,
                   List<PeerResult> peers, List<PeerRatio> peerRatios, Double batonOverBestPeer,
                   List<NodeUsage> nodes, List<Timeline.Second> timeline) {

    /** Where it ran; load averages are the 1-minute figure before and after the Baton run. */
    record Machine(int cores, long memoryBytes, String java, double loadBefore, double loadAfter) {}

    /** What was asked for. */
    record Settings(int nodes, boolean targeted, String mode, int rate, int outstanding, int agents,
                    int agentConcurrency, String capability, long workMs, int batchSize, double durationSeconds,
                    double warmupSeconds) {}

    /** One node's CPU seconds during the measured window and its peak resident memory (null when not visible). */
    record NodeUsage(String id, String url, Long pid, Double cpuSeconds, Long peakRssBytes) {}

    /** Baton's tasks/s over one peer's jobs/s. */
    record PeerRatio(String peer, double batonOverPeer) {}
}
