package dev.baton.server.control;

import dev.baton.core.state.TenantSettings;

/**
 * Timing knobs of the leader's control loop, all in milliseconds, its orchestration defaults and its tenant
 * defaults.
 *
 * @param heartbeatIntervalMs how often agents are told to heartbeat
 * @param agentTimeoutMs an agent silent this long is marked {@code down} and its attempts are retried
 * @param leaseTimeoutMs an attempt not reported on (heartbeat, result) this long expires
 * @param maxPollWaitMs cap on a long poll's wait
 * @param retentionMs how long finished tasks stay in the replicated state
 * @param drainTimeoutMs how long a deregistering agent may keep its tasks before they are retried elsewhere
 * @param orchestration routing policies, default strategy and fan-out limits
 * @param tenantDefaults settings of tenants not configured, and of configured tenants' unset fields (every field
 *                       but budget and budgetThreshold non-null)
 */
public record ControlSettings(long heartbeatIntervalMs, long agentTimeoutMs, long leaseTimeoutMs, long maxPollWaitMs,
                              long retentionMs, long drainTimeoutMs, OrchestrationSettings orchestration,
                              TenantSettings tenantDefaults) {
    public static final ControlSettings DEFAULTS =
            new ControlSettings(5_000, 15_000, 30_000, 30_000, 24 * 3_600_000L, 60_000);

    public ControlSettings {
        orchestration = orchestration == null ? OrchestrationSettings.DEFAULTS : orchestration;
        tenantDefaults = tenantDefaults == null ? TenantSettings.UNLIMITED
                : tenantDefaults.orElse(TenantSettings.UNLIMITED);
    }

    public ControlSettings(long heartbeatIntervalMs, long agentTimeoutMs, long leaseTimeoutMs, long maxPollWaitMs,
                           long retentionMs, long drainTimeoutMs) {
        this(heartbeatIntervalMs, agentTimeoutMs, leaseTimeoutMs, maxPollWaitMs, retentionMs, drainTimeoutMs, null,
                null);
    }

    public ControlSettings(long heartbeatIntervalMs, long agentTimeoutMs, long leaseTimeoutMs, long maxPollWaitMs,
                           long retentionMs, long drainTimeoutMs, OrchestrationSettings orchestration) {
        this(heartbeatIntervalMs, agentTimeoutMs, leaseTimeoutMs, maxPollWaitMs, retentionMs, drainTimeoutMs,
                orchestration, null);
    }

    /** These settings with other orchestration defaults. */
    public ControlSettings withOrchestration(OrchestrationSettings value) {
        return new ControlSettings(heartbeatIntervalMs, agentTimeoutMs, leaseTimeoutMs, maxPollWaitMs, retentionMs,
                drainTimeoutMs, value, tenantDefaults);
    }

    /** These settings with other tenant defaults. */
    public ControlSettings withTenantDefaults(TenantSettings defaults) {
        return new ControlSettings(heartbeatIntervalMs, agentTimeoutMs, leaseTimeoutMs, maxPollWaitMs, retentionMs,
                drainTimeoutMs, orchestration, defaults);
    }
}
