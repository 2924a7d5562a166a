package dev.baton.server.config;

import static dev.baton.server.config.ConfigKey.*;

import dev.baton.api.BudgetAction;
import dev.baton.api.BudgetPeriod;
import dev.baton.core.state.TenantSettings;
import dev.baton.server.NodeConfig;
import dev.baton.server.auth.RateLimiter;
import dev.baton.server.auth.SecuritySettings;
import dev.baton.server.cluster.Peer;
import dev.baton.server.control.ControlSettings;
import dev.baton.server.control.OrchestrationSettings;
import dev.baton.server.raft.RaftSettings;
import dev.baton.api.Role;
import dev.baton.server.auth.JwtSettings;
import dev.baton.server.policy.PolicySettings;
import dev.baton.server.crypto.EncryptionSettings;
import dev.baton.server.tls.TlsSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns converted values into a {@link ServerConfig}: fills in defaults (some follow from other keys: the admin
 * token file lives in the data dir, the Raft port is the HTTP port + 10000) and checks rules across keys. Each rule
 * is checked only when the keys it reads are valid, so one bad value is not reported twice. Used once per load.
 */
final class ConfigResolver {
    static final String DEFAULT_NODE_ID = "n1";
    static final Path DEFAULT_DATA_DIR = Path.of("./data");
    static final String DEFAULT_HTTP_HOST = "0.0.0.0";
    static final String SINGLE_NODE_PEER_HOST = "127.0.0.1";
    static final String ADMIN_TOKEN_FILE = "admin.token";

    private final Values values;
    private final List<String> problems;

    ConfigResolver(Values values, List<String> problems) {
        this.values = values;
        this.problems = problems;
    }

    /** The resolved config, or empty when {@code problems} is not empty at the end. */
    Optional<ServerConfig> resolve(List<String> warnings) {
        String nodeId = values.get(NODE_ID, DEFAULT_NODE_ID);
        Path dataDir = values.get(NODE_DATA_DIR, DEFAULT_DATA_DIR);
        List<Peer> peers = values.isSet(PEERS) ? configuredPeers(nodeId) : singlePeer(nodeId);
        Optional<Integer> httpPort = peers == null ? Optional.empty() : Optional.of(values.port(HTTP_PORT,
                peers.stream().filter(p -> p.id().equals(nodeId)).findFirst().map(Peer::httpPort)
                        .orElse(NodeConfig.DEFAULT_HTTP_PORT)));
        RaftSettings raft = raft();
        ControlSettings control = control();
        TlsSettings tls = tls(peers, warnings);
        EncryptionSettings encryption = encryption();
        JwtSettings jwt = jwt();
        PolicySettings policy = policy();
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            NodeConfig node = new NodeConfig(dataDir, nodeId, peers, values.get(NODE_JOIN, false),
                    values.get(HTTP_HOST, DEFAULT_HTTP_HOST), httpPort.orElseThrow(), values.get(AUTH_ADMIN_TOKEN, null),
                    values.get(AUTH_ADMIN_TOKEN_FILE, dataDir.resolve(ADMIN_TOKEN_FILE)),
                    values.get(AUTH_AGENT_TOKEN, null), !values.get(HTTP_METRICS_AUTH, false),
                    values.get(HTTP_MAX_REQUEST_BYTES, NodeConfig.DEFAULT_MAX_REQUEST_BYTES), control, raft, false,
                    security(), tls, jwt, policy, encryption);
            return Optional.of(new ServerConfig(node, LogFormat.fromWire(values.get(LOG_FORMAT, "text")), warnings));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** The peers as configured; this node must be one of them, and its Raft port comes from its spec. */
    private List<Peer> configuredPeers(String nodeId) {
        if (!values.usable(PEERS)) {
            return null;
        }
        List<Peer> peers = values.get(PEERS, List.of());
        if (values.isSet(RAFT_PORT)) {
            problems.add(values.setting(RAFT_PORT, 0).problem("", "applies only when peers is not set; give this "
                    + "node's Raft port in its peer spec instead (id=host:httpPort:raftPort)"));
        }
        if (values.usable(NODE_ID) && peers.stream().noneMatch(p -> p.id().equals(nodeId))) {
            Setting id = values.setting(NODE_ID, DEFAULT_NODE_ID);
            problems.add(id.invalid("", id.raw(), "not among the peers",
                    String.join(", ", peers.stream().map(Peer::id).toList())));
            return null;
        }
        return peers;
    }

    /** Just this node on loopback, Raft on {@code raft.port} or the HTTP port + 10000. */
    private List<Peer> singlePeer(String nodeId) {
        int httpPort = values.port(HTTP_PORT, NodeConfig.DEFAULT_HTTP_PORT);
        if (!values.usable(NODE_ID) || !values.usable(HTTP_PORT) || !values.usable(RAFT_PORT)) {
            return null;
        }
        if (!values.isSet(RAFT_PORT) && httpPort + Peer.RAFT_PORT_OFFSET > ValueKind.PORT.max()) {
            Setting http = values.setting(HTTP_PORT, httpPort);
            problems.add(http.invalid("", http.raw(), "too high for the default Raft port (http.port + "
                    + Peer.RAFT_PORT_OFFSET + ")",
                    "1-" + (ValueKind.PORT.max() - Peer.RAFT_PORT_OFFSET) + ", or set raft.port"));
            return null;
        }
        int raftPort = values.port(RAFT_PORT, httpPort + Peer.RAFT_PORT_OFFSET);
        if (raftPort == httpPort) {
            Setting raft = values.setting(RAFT_PORT, raftPort);
            problems.add(raft.invalid("", raft.raw(), "the same as http.port", "a port other than " + httpPort));
            return null;
        }
        return List.of(new Peer(nodeId, SINGLE_NODE_PEER_HOST, httpPort, raftPort));
    }

    /** Rate, request and audit limits; the defaults are {@link SecuritySettings#DEFAULTS}. */
    private SecuritySettings security() {
        SecuritySettings d = SecuritySettings.DEFAULTS;
        String origins = values.get(HTTP_CORS_ORIGINS, "");
        return new SecuritySettings(
                new RateLimiter.Limit(values.get(LIMITS_KEY_REQUESTS_PER_SECOND, (long) d.keyRate().perSecond()),
                        values.get(LIMITS_KEY_BURST, d.keyRate().burst())),
                new RateLimiter.Limit(values.get(LIMITS_TENANT_REQUESTS_PER_SECOND,
                        (long) d.tenantRate().perSecond()), values.get(LIMITS_TENANT_BURST, d.tenantRate().burst())),
                Math.toIntExact(values.get(AUDIT_KEEP_ENTRIES, (long) d.auditKeepEntries())),
                origins.isBlank() ? List.of() : List.of(origins.split("\\s*,\\s*")),
                Math.toIntExact(values.get(LIMITS_MAX_JSON_DEPTH, (long) d.maxJsonDepth())),
                Math.toIntExact(values.get(LIMITS_MAX_STRING_CHARS, (long) d.maxStringChars())),
                Math.toIntExact(values.get(HTTP_MAX_HEADER_BYTES, (long) d.maxHeaderBytes())));
    }

    private RaftSettings raft() {
        RaftSettings d = RaftSettings.DEFAULTS;
        long minMs = values.get(RAFT_ELECTION_TIMEOUT_MIN_MS, d.electionTimeoutMinMs());
        long maxMs = values.get(RAFT_ELECTION_TIMEOUT_MAX_MS, d.electionTimeoutMaxMs());
        if (!allUsable(RAFT_ELECTION_TIMEOUT_MIN_MS, RAFT_ELECTION_TIMEOUT_MAX_MS, RAFT_SNAPSHOT_EVERY_ENTRIES,
                RAFT_READY_MAX_LAG_ENTRIES, RAFT_REQUEST_TIMEOUT_MS, RAFT_CRASH_DETECTION)
                || !greater(RAFT_ELECTION_TIMEOUT_MAX_MS, maxMs, RAFT_ELECTION_TIMEOUT_MIN_MS, minMs)) {
            return null;
        }
        try {
            return new RaftSettings(minMs, maxMs, values.get(RAFT_SNAPSHOT_EVERY_ENTRIES, d.snapshotEveryEntries()),
                    values.get(RAFT_READY_MAX_LAG_ENTRIES, d.readyMaxLagEntries()),
                    values.get(RAFT_REQUEST_TIMEOUT_MS, d.requestTimeoutMs()),
                    values.get(RAFT_CRASH_DETECTION, d.crashDetection()));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /**
     * TLS files: cert and key together; the CA and client CA only with them; Raft mutual TLS on by default when a
     * CA is given. A cluster with TLS but no CA keeps Raft plain, with a warning.
     */
    private TlsSettings tls(List<Peer> peers, List<String> warnings) {
        if (!allUsable(TLS_CERT_FILE, TLS_KEY_FILE, TLS_CA_FILE, TLS_CLIENT_CA_FILE, TLS_RAFT_MUTUAL_TLS,
                TLS_RELOAD_CHECK_MS)) {
            return null;
        }
        Path caFile = values.get(TLS_CA_FILE, null);
        boolean mutual = values.get(TLS_RAFT_MUTUAL_TLS, caFile != null);
        try {
            TlsSettings tls = new TlsSettings(values.get(TLS_CERT_FILE, null), values.get(TLS_KEY_FILE, null), caFile,
                    values.get(TLS_CLIENT_CA_FILE, null), mutual,
                    values.get(TLS_RELOAD_CHECK_MS, TlsSettings.DEFAULT_RELOAD_CHECK_MS));
            if (tls.enabled() && !mutual && peers != null && peers.size() > 1) {
                warnings.add("tls.certFile is set but Raft traffic between peers is not encrypted: set tls.caFile "
                        + "(and leave tls.raftMutualTls on) for mutual TLS between peers");
            }
            return tls;
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** Encryption at rest when {@code encryption.keyFile} is set; the file itself is read when the node starts. */
    private EncryptionSettings encryption() {
        if (!allUsable(ENCRYPTION_KEY_FILE, ENCRYPTION_RELOAD_CHECK_MS)) {
            return null;
        }
        return new EncryptionSettings(values.get(ENCRYPTION_KEY_FILE, null),
                values.get(ENCRYPTION_RELOAD_CHECK_MS, EncryptionSettings.DEFAULT_RELOAD_CHECK_MS));
    }

    /** JWT checking when any key source is set; null otherwise. */
    private JwtSettings jwt() {
        if (!allUsable(JWT_JWKS_URL, JWT_PUBLIC_KEY_FILE, JWT_HMAC_SECRET, JWT_ISSUER, JWT_AUDIENCE, JWT_CLOCK_SKEW_MS,
                JWT_ROLE_CLAIM, JWT_TENANT_CLAIM, JWT_ROLE_MAP, JWT_JWKS_REFRESH_MS)) {
            return null;
        }
        boolean anySet = ConfigKey.inSection("jwt").stream().anyMatch(values::isSet);
        if (!anySet) {
            return null;
        }
        Map<String, Role> roleMap = new LinkedHashMap<>();
        String pairs = values.get(JWT_ROLE_MAP, "");
        for (String pair : pairs.isEmpty() ? new String[0] : pairs.split(",")) {
            String[] parts = pair.split("=", 2);
            try {
                roleMap.put(parts[0], Role.fromWire(parts[1]));
            } catch (IllegalArgumentException e) {
                Setting setting = values.setting(JWT_ROLE_MAP, pairs);
                problems.add(setting.problem("", "'" + parts[1] + "' is not a role (admin, operator, submitter, "
                        + "agent, viewer)"));
                return null;
            }
        }
        try {
            String url = values.get(JWT_JWKS_URL, null);
            return new JwtSettings(url == null ? null : URI.create(url), values.get(JWT_PUBLIC_KEY_FILE, null),
                    values.get(JWT_HMAC_SECRET, null), values.get(JWT_ISSUER, null), values.get(JWT_AUDIENCE, null),
                    values.get(JWT_CLOCK_SKEW_MS, JwtSettings.DEFAULT_CLOCK_SKEW_MS), values.get(JWT_ROLE_CLAIM, null),
                    values.get(JWT_TENANT_CLAIM, null), roleMap,
                    values.get(JWT_JWKS_REFRESH_MS, JwtSettings.DEFAULT_JWKS_REFRESH_MS));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** The policy decision point when {@code policy.url} is set; null otherwise. */
    private PolicySettings policy() {
        if (!allUsable(POLICY_URL, POLICY_TIMEOUT_MS, POLICY_FAIL_OPEN, POLICY_CACHE_MS, POLICY_CACHE_ENTRIES)) {
            return null;
        }
        String url = values.get(POLICY_URL, null);
        if (url == null) {
            if (ConfigKey.inSection("policy").stream().anyMatch(values::isSet)) {
                problems.add("policy.url is not set: the other policy.* keys need it");
            }
            return null;
        }
        try {
            return new PolicySettings(URI.create(url), values.get(POLICY_TIMEOUT_MS, PolicySettings.DEFAULT_TIMEOUT_MS),
                    values.get(POLICY_FAIL_OPEN, false), values.get(POLICY_CACHE_MS, PolicySettings.DEFAULT_CACHE_MS),
                    Math.toIntExact(values.get(POLICY_CACHE_ENTRIES, (long) PolicySettings.DEFAULT_CACHE_ENTRIES)));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private ControlSettings control() {
        ControlSettings d = ControlSettings.DEFAULTS;
        long heartbeatMs = values.get(CONTROL_HEARTBEAT_INTERVAL_MS, d.heartbeatIntervalMs());
        long agentTimeoutMs = values.get(CONTROL_AGENT_TIMEOUT_MS, d.agentTimeoutMs());
        long leaseTimeoutMs = values.get(CONTROL_LEASE_TIMEOUT_MS, d.leaseTimeoutMs());
        if (!allUsable(CONTROL_HEARTBEAT_INTERVAL_MS, CONTROL_AGENT_TIMEOUT_MS, CONTROL_LEASE_TIMEOUT_MS,
                CONTROL_MAX_POLL_WAIT_MS, CONTROL_RETENTION_MS, CONTROL_DRAIN_TIMEOUT_MS)) {
            return null;
        }
        boolean agentOk = greater(CONTROL_AGENT_TIMEOUT_MS, agentTimeoutMs, CONTROL_HEARTBEAT_INTERVAL_MS, heartbeatMs);
        boolean leaseOk = greater(CONTROL_LEASE_TIMEOUT_MS, leaseTimeoutMs, CONTROL_HEARTBEAT_INTERVAL_MS, heartbeatMs);
        if (!agentOk || !leaseOk) {
            return null;
        }
        OrchestrationSettings orchestration = OrchestrationConfig.resolve(values, problems);
        if (orchestration == null) {
            return null;
        }
        return new ControlSettings(heartbeatMs, agentTimeoutMs, leaseTimeoutMs,
                values.get(CONTROL_MAX_POLL_WAIT_MS, d.maxPollWaitMs()), values.get(CONTROL_RETENTION_MS,
                d.retentionMs()), values.get(CONTROL_DRAIN_TIMEOUT_MS, d.drainTimeoutMs()), orchestration,
                tenantDefaults());
    }

    /** The {@code tenants.default*} keys; 0 for a budget or threshold means none. */
    private TenantSettings tenantDefaults() {
        TenantSettings d = TenantSettings.UNLIMITED;
        long budget = values.get(TENANTS_DEFAULT_BUDGET, 0L);
        long threshold = values.get(TENANTS_DEFAULT_BUDGET_THRESHOLD, 0L);
        return new TenantSettings(budget == 0 ? null : (double) budget,
                BudgetPeriod.fromWire(values.get(TENANTS_DEFAULT_BUDGET_PERIOD, d.budgetPeriod().wireName())),
                threshold == 0 ? null : (double) threshold,
                (int) (long) values.get(TENANTS_DEFAULT_MAX_IN_FLIGHT, (long) d.maxInFlight()),
                (int) (long) values.get(TENANTS_DEFAULT_WEIGHT, (long) d.weight()),
                BudgetAction.fromWire(values.get(TENANTS_DEFAULT_ON_BUDGET_EXHAUSTED,
                        d.onBudgetExhausted().wireName())));
    }

    /** Checks {@code high > low}, else reports it on {@code highKey} naming both values and their sources. */
    private boolean greater(ConfigKey highKey, long high, ConfigKey lowKey, long low) {
        if (high > low) {
            return true;
        }
        Setting setting = values.setting(highKey, high);
        problems.add(setting.invalid("", setting.raw(), "not greater than " + values.setting(lowKey, low).describe(),
                "more than " + lowKey.path()));
        return false;
    }

    private boolean allUsable(ConfigKey... keys) {
        for (ConfigKey key : keys) {
            if (!values.usable(key)) {
                return false;
            }
        }
        return true;
    }
}
