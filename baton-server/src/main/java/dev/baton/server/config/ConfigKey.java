package dev.baton.server.config;

import dev.baton.core.route.RoutingPolicies;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One setting of {@code baton server}: its path in the YAML file ({@code raft.electionTimeoutMinMs}), the value it
 * takes, whether it is a secret (never shown in messages or {@code --print-config}), its command-line flag if any,
 * and older environment names kept working. The environment name is {@code BATON_} + the path in UPPER_SNAKE_CASE.
 * The static fields are the complete, fixed list of keys. Immutable.
 */
record ConfigKey(String path, ValueKind kind, boolean secret, String flag, List<String> envAliases) {
    private static final long MAX_MS = 365L * 24 * 3_600_000;
    private static final long MAX_ENTRIES = Integer.MAX_VALUE;

    static final ConfigKey NODE_ID = key("node.id", ValueKind.NODE_ID, "--node-id");
    static final ConfigKey NODE_DATA_DIR = key("node.dataDir", ValueKind.PATH, "--data-dir", "BATON_DATA_DIR");
    static final ConfigKey NODE_JOIN = key("node.join", ValueKind.BOOLEAN, "--join");
    static final ConfigKey HTTP_HOST = key("http.host", ValueKind.HOST, "--host", "BATON_HOST");
    static final ConfigKey HTTP_PORT = key("http.port", ValueKind.PORT, "--port", "BATON_PORT");
    static final ConfigKey HTTP_MAX_REQUEST_BYTES = key("http.maxRequestBytes",
            new ValueKind.Whole(1024, 1024L * 1024 * 1024), null);
    static final ConfigKey HTTP_METRICS_AUTH = key("http.metricsAuth", ValueKind.BOOLEAN, "--metrics-auth");
    static final ConfigKey PEERS = key("peers", new PeerList(), "--peers");
    static final ConfigKey RAFT_PORT = key("raft.port", ValueKind.PORT, "--raft-port");
    static final ConfigKey RAFT_ELECTION_TIMEOUT_MIN_MS = key("raft.electionTimeoutMinMs",
            new ValueKind.Whole(50, MAX_MS), null);
    static final ConfigKey RAFT_ELECTION_TIMEOUT_MAX_MS = key("raft.electionTimeoutMaxMs",
            new ValueKind.Whole(51, MAX_MS), null);
    static final ConfigKey RAFT_SNAPSHOT_EVERY_ENTRIES = key("raft.snapshotEveryEntries",
            new ValueKind.Whole(1, MAX_ENTRIES), null);
    static final ConfigKey RAFT_READY_MAX_LAG_ENTRIES = key("raft.readyMaxLagEntries",
            new ValueKind.Whole(0, MAX_ENTRIES), null);
    static final ConfigKey RAFT_REQUEST_TIMEOUT_MS = key("raft.requestTimeoutMs", new ValueKind.Whole(100, MAX_MS),
            null);
    static final ConfigKey RAFT_CRASH_DETECTION = key("raft.crashDetection", ValueKind.BOOLEAN, null);
    static final ConfigKey AUTH_ADMIN_TOKEN = new ConfigKey("auth.adminToken", ValueKind.SECRET, true, null,
            List.of("BATON_ADMIN_TOKEN"));
    static final ConfigKey AUTH_ADMIN_TOKEN_FILE = key("auth.adminTokenFile", ValueKind.PATH, "--admin-token-file");
    static final ConfigKey AUTH_AGENT_TOKEN = new ConfigKey("auth.agentToken", ValueKind.SECRET, true, null,
            List.of());
    static final ConfigKey CONTROL_HEARTBEAT_INTERVAL_MS = key("control.heartbeatIntervalMs",
            new ValueKind.Whole(100, MAX_MS), null);
    static final ConfigKey CONTROL_AGENT_TIMEOUT_MS = key("control.agentTimeoutMs",
            new ValueKind.Whole(1_000, MAX_MS), null);
    static final ConfigKey CONTROL_LEASE_TIMEOUT_MS = key("control.leaseTimeoutMs",
            new ValueKind.Whole(1_000, MAX_MS), null);
    static final ConfigKey CONTROL_MAX_POLL_WAIT_MS = key("control.maxPollWaitMs", new ValueKind.Whole(0, MAX_MS),
            null);
    static final ConfigKey CONTROL_RETENTION_MS = key("control.retentionMs", new ValueKind.Whole(0, MAX_MS), null);
    static final ConfigKey CONTROL_DRAIN_TIMEOUT_MS = key("control.drainTimeoutMs", new ValueKind.Whole(0, MAX_MS),
            null);
    static final ConfigKey ROUTING_DEFAULT_POLICY = key("routing.defaultPolicy",
            new ValueKind.Choice(RoutingPolicies.names()), null);
    static final ConfigKey ROUTING_POLICIES = key("routing.policies", new PolicyMap(), null);
    static final ConfigKey STRATEGY_DEFAULT_STRATEGY = key("strategy.defaultStrategy", new StrategyValue(), null);
    static final ConfigKey STRATEGY_MAX_CONCURRENT_SOURCES = key("strategy.maxConcurrentSources",
            new ValueKind.Whole(1, 100), null);
    static final ConfigKey STRATEGY_TIMEOUT_SECONDS = key("strategy.timeoutSeconds",
            new ValueKind.Whole(1, 7 * 24 * 3_600), null);
    static final ConfigKey TENANTS_DEFAULT_BUDGET = key("tenants.defaultBudget",
            new ValueKind.Whole(0, 1_000_000_000_000_000L), null);
    static final ConfigKey TENANTS_DEFAULT_BUDGET_PERIOD = key("tenants.defaultBudgetPeriod",
            new ValueKind.Choice(List.of("hour", "day", "month")), null);
    static final ConfigKey TENANTS_DEFAULT_BUDGET_THRESHOLD = key("tenants.defaultBudgetThreshold",
            new ValueKind.Whole(0, 1_000_000_000_000_000L), null);
    static final ConfigKey TENANTS_DEFAULT_MAX_IN_FLIGHT = key("tenants.defaultMaxInFlight",
            new ValueKind.Whole(0, 1_000_000), null);
    static final ConfigKey TENANTS_DEFAULT_WEIGHT = key("tenants.defaultWeight", new ValueKind.Whole(1, 1_000), null);
    static final ConfigKey TENANTS_DEFAULT_ON_BUDGET_EXHAUSTED = key("tenants.defaultOnBudgetExhausted",
            new ValueKind.Choice(List.of("reject", "hold")), null);
    static final ConfigKey HTTP_MAX_HEADER_BYTES = key("http.maxHeaderBytes", new ValueKind.Whole(1024, 1024 * 1024),
            null);
    static final ConfigKey HTTP_CORS_ORIGINS = key("http.corsOrigins", new ValueKind.Text(java.util.regex.Pattern
            .compile("https?://[^\\s,/]+(\\s*,\\s*https?://[^\\s,/]+)*"), "not a comma-separated list of origins",
            "comma-separated origins such as https://ops.example.com,http://localhost:3000"), null);
    static final ConfigKey LIMITS_KEY_REQUESTS_PER_SECOND = key("limits.keyRequestsPerSecond",
            new ValueKind.Whole(0, 10_000_000), null);
    static final ConfigKey LIMITS_KEY_BURST = key("limits.keyBurst", new ValueKind.Whole(1, 100_000_000), null);
    static final ConfigKey LIMITS_TENANT_REQUESTS_PER_SECOND = key("limits.tenantRequestsPerSecond",
            new ValueKind.Whole(0, 10_000_000), null);
    static final ConfigKey LIMITS_TENANT_BURST = key("limits.tenantBurst", new ValueKind.Whole(1, 100_000_000), null);
    static final ConfigKey LIMITS_MAX_JSON_DEPTH = key("limits.maxJsonDepth", new ValueKind.Whole(4, 1_000), null);
    static final ConfigKey LIMITS_MAX_STRING_CHARS = key("limits.maxStringChars",
            new ValueKind.Whole(1_024, Integer.MAX_VALUE), null);
    static final ConfigKey AUDIT_KEEP_ENTRIES = key("audit.keepEntries", new ValueKind.Whole(1, 1_000_000), null);
    static final ConfigKey TLS_CERT_FILE = key("tls.certFile", ValueKind.PATH, null);
    static final ConfigKey TLS_KEY_FILE = key("tls.keyFile", ValueKind.PATH, null);
    static final ConfigKey TLS_CA_FILE = key("tls.caFile", ValueKind.PATH, null);
    static final ConfigKey TLS_CLIENT_CA_FILE = key("tls.clientCaFile", ValueKind.PATH, null);
    static final ConfigKey TLS_RAFT_MUTUAL_TLS = key("tls.raftMutualTls", ValueKind.BOOLEAN, null);
    static final ConfigKey TLS_RELOAD_CHECK_MS = key("tls.reloadCheckMs", new ValueKind.Whole(100, MAX_MS), null);
    static final ConfigKey ENCRYPTION_KEY_FILE = key("encryption.keyFile", ValueKind.PATH, null);
    static final ConfigKey ENCRYPTION_RELOAD_CHECK_MS = key("encryption.reloadCheckMs",
            new ValueKind.Whole(100, MAX_MS), null);
    static final ConfigKey JWT_JWKS_URL = key("jwt.jwksUrl", ValueKind.URL, null);
    static final ConfigKey JWT_PUBLIC_KEY_FILE = key("jwt.publicKeyFile", ValueKind.PATH, null);
    static final ConfigKey JWT_HMAC_SECRET = new ConfigKey("jwt.hmacSecret", ValueKind.SECRET, true, null, List.of());
    static final ConfigKey JWT_ISSUER = key("jwt.issuer", ValueKind.WORD, null);
    static final ConfigKey JWT_AUDIENCE = key("jwt.audience", ValueKind.WORD, null);
    static final ConfigKey JWT_CLOCK_SKEW_MS = key("jwt.clockSkewMs", new ValueKind.Whole(0, 3_600_000), null);
    static final ConfigKey JWT_ROLE_CLAIM = key("jwt.roleClaim", ValueKind.WORD, null);
    static final ConfigKey JWT_TENANT_CLAIM = key("jwt.tenantClaim", ValueKind.WORD, null);
    static final ConfigKey JWT_ROLE_MAP = key("jwt.roleMap", ValueKind.ROLE_MAP, null);
    static final ConfigKey JWT_JWKS_REFRESH_MS = key("jwt.jwksRefreshMs", new ValueKind.Whole(1_000, MAX_MS), null);
    static final ConfigKey POLICY_URL = key("policy.url", ValueKind.URL, null);
    static final ConfigKey POLICY_TIMEOUT_MS = key("policy.timeoutMs", new ValueKind.Whole(1, 60_000), null);
    static final ConfigKey POLICY_FAIL_OPEN = key("policy.failOpen", ValueKind.BOOLEAN, null);
    static final ConfigKey POLICY_CACHE_MS = key("policy.cacheMs", new ValueKind.Whole(0, 3_600_000), null);
    static final ConfigKey POLICY_CACHE_ENTRIES = key("policy.cacheEntries", new ValueKind.Whole(1, 1_000_000), null);
    static final ConfigKey LOG_FORMAT = key("log.format", new ValueKind.Choice(List.of("text", "json")),
            "--log-format");

    /** Every key, in the order of the YAML schema and of {@code --print-config}. */
    static final List<ConfigKey> ALL = List.of(NODE_ID, NODE_DATA_DIR, NODE_JOIN, HTTP_HOST, HTTP_PORT,
            HTTP_MAX_REQUEST_BYTES, HTTP_METRICS_AUTH, HTTP_MAX_HEADER_BYTES, HTTP_CORS_ORIGINS, PEERS, RAFT_PORT,
            RAFT_ELECTION_TIMEOUT_MIN_MS, RAFT_ELECTION_TIMEOUT_MAX_MS, RAFT_SNAPSHOT_EVERY_ENTRIES,
            RAFT_READY_MAX_LAG_ENTRIES, RAFT_REQUEST_TIMEOUT_MS, RAFT_CRASH_DETECTION, AUTH_ADMIN_TOKEN,
            AUTH_ADMIN_TOKEN_FILE, AUTH_AGENT_TOKEN, CONTROL_HEARTBEAT_INTERVAL_MS, CONTROL_AGENT_TIMEOUT_MS,
            CONTROL_LEASE_TIMEOUT_MS, CONTROL_MAX_POLL_WAIT_MS, CONTROL_RETENTION_MS, CONTROL_DRAIN_TIMEOUT_MS,
            ROUTING_DEFAULT_POLICY, ROUTING_POLICIES, STRATEGY_DEFAULT_STRATEGY, STRATEGY_MAX_CONCURRENT_SOURCES,
            STRATEGY_TIMEOUT_SECONDS, TENANTS_DEFAULT_BUDGET, TENANTS_DEFAULT_BUDGET_PERIOD,
            TENANTS_DEFAULT_BUDGET_THRESHOLD, TENANTS_DEFAULT_MAX_IN_FLIGHT, TENANTS_DEFAULT_WEIGHT,
            TENANTS_DEFAULT_ON_BUDGET_EXHAUSTED, LIMITS_KEY_REQUESTS_PER_SECOND, LIMITS_KEY_BURST,
            LIMITS_TENANT_REQUESTS_PER_SECOND, LIMITS_TENANT_BURST, LIMITS_MAX_JSON_DEPTH, LIMITS_MAX_STRING_CHARS,
            AUDIT_KEEP_ENTRIES, TLS_CERT_FILE,
            TLS_KEY_FILE, TLS_CA_FILE, TLS_CLIENT_CA_FILE, TLS_RAFT_MUTUAL_TLS, TLS_RELOAD_CHECK_MS,
            ENCRYPTION_KEY_FILE, ENCRYPTION_RELOAD_CHECK_MS, JWT_JWKS_URL,
            JWT_PUBLIC_KEY_FILE, JWT_HMAC_SECRET, JWT_ISSUER, JWT_AUDIENCE, JWT_CLOCK_SKEW_MS, JWT_ROLE_CLAIM,
            JWT_TENANT_CLAIM, JWT_ROLE_MAP, JWT_JWKS_REFRESH_MS, POLICY_URL, POLICY_TIMEOUT_MS, POLICY_FAIL_OPEN,
            POLICY_CACHE_MS, POLICY_CACHE_ENTRIES, LOG_FORMAT);

    /** The top-level names of the YAML file: {@code peers} and the sections holding the other keys. */
    static final List<String> TOP_LEVEL = List.of("node", "http", "peers", "raft", "auth", "control", "routing",
            "strategy", "tenants", "limits", "audit", "tls", "encryption", "jwt", "policy", "log");

    private static ConfigKey key(String path, ValueKind kind, String flag, String... envAliases) {
        return new ConfigKey(path, kind, false, flag, List.of(envAliases));
    }

    /** The environment variable naming this key: {@code BATON_} + the path in UPPER_SNAKE_CASE. */
    String env() {
        return "BATON_" + path.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The environment names that set this key, the canonical one first. */
    List<String> envNames() {
        return Stream.concat(Stream.of(env()), envAliases.stream()).toList();
    }

    /** The key at {@code path}, if there is one. */
    static Optional<ConfigKey> byPath(String path) {
        return ALL.stream().filter(k -> k.path.equals(path)).findFirst();
    }

    /** The key an environment variable sets, by canonical name or alias. */
    static Optional<ConfigKey> byEnv(String name) {
        return ALL.stream().filter(k -> k.envNames().contains(name)).findFirst();
    }

    /** The keys of a section ({@code http} gives {@code http.host}, {@code http.port}, ...). */
    static List<ConfigKey> inSection(String section) {
        return ALL.stream().filter(k -> k.path.startsWith(section + ".")).toList();
    }
}
