package dev.baton.server.control;

/**
 * Timing knobs of the leader's control loop, all in milliseconds, and its orchestration defaults.
 *
 * @param heartbeatIntervalMs how often agents are told to heartbeat
 * @param agentTimeoutMs an agent silent this long is marked {@code down} and its attempts are retried
 * @param leaseTimeoutMs an attempt not reported on (heartbeat, result) this long expires
 * @param maxPollWaitMs cap on a long poll's wait
 * @param retentionMs how long finished tasks stay in the replicated state
 * @param drainTimeoutMs how long a deregistering agent may keep its tasks before they are retried elsewhere
 * @param orchestration routing policies, default strategy and fan-out limits
 */
public record ControlSettings(long heartbeatIntervalMs, long agentTimeoutMs, long leaseTimeoutMs, long maxPollWaitMs,
                              long retentionMs, long drainTimeoutMs, OrchestrationSettings orchestration) {
    public static final ControlSettings DEFAULTS =
            new ControlSettings(5_000, 15_000, 30_000, 30_000, 24 * 3_600_000L, 60_000);

    public ControlSettings {
        orchestration = orchestration == null ? OrchestrationSettings.DEFAULTS : orchestration;
    }

    public ControlSettings(long heartbeatIntervalMs, long agentTimeoutMs, long leaseTimeoutMs, long maxPollWaitMs,
                           long retentionMs, long drainTimeoutMs) {
        this(heartbeatIntervalMs, agentTimeoutMs, leaseTimeoutMs, maxPollWaitMs, retentionMs, drainTimeoutMs, null);
    }

    /** These settings with other orchestration defaults. */
    public ControlSettings withOrchestration(OrchestrationSettings value) {
        return new ControlSettings(heartbeatIntervalMs, agentTimeoutMs, leaseTimeoutMs, maxPollWaitMs, retentionMs,
                drainTimeoutMs, value);
    }
}
