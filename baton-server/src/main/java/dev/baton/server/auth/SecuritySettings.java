package dev.baton.server.auth;

import java.util.List;

/**
 * The abuse limits and audit retention of a node (see {@code docs/security.md}).
 *
 * @param keyRate requests per second and burst of each API key
 * @param tenantRate requests per second and burst shared by all keys of one tenant
 * @param auditKeepEntries how many audit entries the replicated state keeps (the leader's value applies)
 * @param corsOrigins browser origins allowed to call the API cross-origin; empty for none
 * @param maxJsonDepth deepest nesting of objects and arrays a request body may have
 * @param maxStringChars longest string a request body may hold
 * @param maxHeaderBytes largest request header section
 */
public record SecuritySettings(RateLimiter.Limit keyRate, RateLimiter.Limit tenantRate, int auditKeepEntries,
                               List<String> corsOrigins, int maxJsonDepth, int maxStringChars, int maxHeaderBytes) {
    public static final int DEFAULT_AUDIT_KEEP_ENTRIES = 10_000;
    public static final int DEFAULT_MAX_JSON_DEPTH = 64;
    public static final int DEFAULT_MAX_STRING_CHARS = 1024 * 1024;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    public static final SecuritySettings DEFAULTS = new SecuritySettings(RateLimiter.Limit.DEFAULT,
            RateLimiter.Limit.DEFAULT, DEFAULT_AUDIT_KEEP_ENTRIES, List.of(), DEFAULT_MAX_JSON_DEPTH,
            DEFAULT_MAX_STRING_CHARS, DEFAULT_MAX_HEADER_BYTES);

    public SecuritySettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    public SecuritySettings withKeyRate(RateLimiter.Limit value) {
        return new SecuritySettings(value, tenantRate, auditKeepEntries, corsOrigins, maxJsonDepth, maxStringChars,
                maxHeaderBytes);
    }

    public SecuritySettings withTenantRate(RateLimiter.Limit value) {
        return new SecuritySettings(keyRate, value, auditKeepEntries, corsOrigins, maxJsonDepth, maxStringChars,
                maxHeaderBytes);
    }

    public SecuritySettings withAuditKeepEntries(int value) {
        return new SecuritySettings(keyRate, tenantRate, value, corsOrigins, maxJsonDepth, maxStringChars,
                maxHeaderBytes);
    }

    public SecuritySettings withCorsOrigins(List<String> value) {
        return new SecuritySettings(keyRate, tenantRate, auditKeepEntries, value, maxJsonDepth, maxStringChars,
                maxHeaderBytes);
    }
}
