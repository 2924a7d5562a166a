package dev.baton.server.control;

import dev.baton.core.state.TenantSettings;

/**
 * Knobs of the leader's control loop; times in milliseconds.
 *
 * @param heartbeatIntervalMs how often agents are told to heartbeat
 * @param agentTimeoutMs an agent silent this long is marked {@code down} and its attempts are retried
 * @param leaseTimeoutMs an attempt not reported on (heartbeat, result) this long expires
 * @param maxPollWaitMs cap on a long poll's wait
 * @param retentionMs how long finished tasks stay in the replicated state
 * @param drainTimeoutMs how long a deregistering agent may keep its tasks before they are retried elsewhere
 * @param tenantDefaults settings of tenants not configured, and of configured tenants' unset fields (every field
 *                       but budget and budgetThreshold non-null)
 */
public record ControlSettings(long heartbeatIntervalMs, long agentTimeoutMs, long leaseTimeoutMs, long maxPollWaitMs,
                              long retentionMs, long drainTimeoutMs, TenantSettings tenantDefaults) {
    public static final ControlSettings DEFAULTS =
            new ControlSettings(5_000, 15_000, 30_000, 30_000, 24 * 3_600_000L, 60_000);

    public ControlSettings {
        tenantDefaults = tenantDefaults == null ? TenantSettings.UNLIMITED
                : tenantDefaults.orElse(TenantSettings.UNLIMITED);
    }

    /** Settings whose tenants are unlimited by default. */
    public ControlSettings(long heartbeatIntervalMs, long agentTimeoutMs, long leaseTimeoutMs, long maxPollWaitMs,
                           long retentionMs, long drainTimeoutMs) {
        this(heartbeatIntervalMs, agentTimeoutMs, leaseTimeoutMs, maxPollWaitMs, retentionMs, drainTimeoutMs, null);
    }

    /** These settings with other tenant defaults. */
    public ControlSettings withTenantDefaults(TenantSettings defaults) {
        return new ControlSettings(heartbeatIntervalMs, agentTimeoutMs, leaseTimeoutMs, maxPollWaitMs, retentionMs,
                drainTimeoutMs, defaults);
    }
}
