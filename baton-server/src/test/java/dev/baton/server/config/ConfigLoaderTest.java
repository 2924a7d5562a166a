package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.server.NodeConfig;
import dev.baton.server.cluster.Peer;
import dev.baton.server.control.ControlSettings;
import dev.baton.server.raft.RaftSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("baton.yaml"), yaml);
    }

    private static ServerConfig load(Map<String, String> env, ConfigOverrides flags) {
        return ConfigLoader.load(flags, env);
    }

    @Test
    void load_nothingSet_isSingleNodeWithDefaults() {
        ServerConfig config = load(Map.of(), ConfigOverrides.NONE);
        NodeConfig node = config.node();

        assertThat(node.nodeId()).isEqualTo("n1");
        assertThat(node.peers()).containsExactly(new Peer("n1", "127.0.0.1", 8080, 18080));
        assertThat(node.join()).isFalse();
        assertThat(node.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(node.httpHost()).isEqualTo("0.0.0.0");
        assertThat(node.httpPort()).isEqualTo(8080);
        assertThat(node.maxRequestBytes()).isEqualTo(NodeConfig.DEFAULT_MAX_REQUEST_BYTES);
        assertThat(node.metricsOpen()).isTrue();
        assertThat(node.adminToken()).isNull();
        assertThat(node.adminTokenFile()).isEqualTo(Path.of("./data/admin.token"));
        assertThat(node.agentToken()).isNull();
        assertThat(node.raft()).isEqualTo(RaftSettings.DEFAULTS);
        assertThat(node.control()).isEqualTo(ControlSettings.DEFAULTS);
        assertThat(node.dev()).isFalse();
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void load_fullFile_setsEveryKey() throws IOException {
        Path file = file("""
                node: {id: b, dataDir: /var/lib/baton, join: true}
                http: {host: 10.0.0.2, port: 9090, maxRequestBytes: 2048, metricsAuth: true}
                peers: [a=10.0.0.1:8080, b=10.0.0.2:8080:9999]
                raft:
                  electionTimeoutMinMs: 400
                  electionTimeoutMaxMs: 900
                  snapshotEveryEntries: 5000
                  readyMaxLagEntries: 10
                  requestTimeoutMs: 2000
                auth: {adminToken: admin-secret, adminTokenFile: /etc/baton/admin.token, agentToken: agent-secret}
                control:
                  heartbeatIntervalMs: 1000
                  agentTimeoutMs: 4000
                  leaseTimeoutMs: 6000
                  maxPollWaitMs: 20000
                  retentionMs: 60000
                  drainTimeoutMs: 7000
                log: {format: JSON}
                """);

        ServerConfig config = load(Map.of(), ConfigOverrides.builder().configFile(file).build());
        NodeConfig node = config.node();

        assertThat(node.nodeId()).isEqualTo("b");
        assertThat(node.dataDir()).isEqualTo(Path.of("/var/lib/baton"));
        assertThat(node.join()).isTrue();
        assertThat(node.httpHost()).isEqualTo("10.0.0.2");
        assertThat(node.httpPort()).isEqualTo(9090);
        assertThat(node.maxRequestBytes()).isEqualTo(2048);
        assertThat(node.metricsOpen()).isFalse();
        assertThat(node.peers()).containsExactly(new Peer("a", "10.0.0.1", 8080, 18080),
                new Peer("b", "10.0.0.2", 8080, 9999));
        assertThat(node.raft()).isEqualTo(new RaftSettings(400, 900, 5000, 10, 2000, true));
        assertThat(node.adminToken()).isEqualTo("admin-secret");
        assertThat(node.adminTokenFile()).isEqualTo(Path.of("/etc/baton/admin.token"));
        assertThat(node.agentToken()).isEqualTo("agent-secret");
        assertThat(node.control()).isEqualTo(new ControlSettings(1000, 4000, 6000, 20000, 60000, 7000));
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void load_securityKeys_fromFileAndEnvironment_reachTheNode() throws IOException {
        Path file = file("""
                http: {maxHeaderBytes: 16384, corsOrigins: "https://ops.example.com, http://localhost:3000"}
                limits: {keyRequestsPerSecond: 50, keyBurst: 100, tenantBurst: 400, maxJsonDepth: 16}
                audit: {keepEntries: 500}
                """);
        ServerConfig config = load(Map.of("BATON_CONFIG", file.toString(),
                "BATON_LIMITS_TENANT_REQUESTS_PER_SECOND", "200", "BATON_LIMITS_MAX_STRING_CHARS", "4096"),
                ConfigOverrides.NONE);
        dev.baton.server.auth.SecuritySettings security = config.node().security();

        assertThat(security.keyRate()).isEqualTo(new dev.baton.server.auth.RateLimiter.Limit(50, 100));
        assertThat(security.tenantRate()).isEqualTo(new dev.baton.server.auth.RateLimiter.Limit(200, 400));
        assertThat(security.corsOrigins()).containsExactly("https://ops.example.com", "http://localhost:3000");
        assertThat(security.maxJsonDepth()).isEqualTo(16);
        assertThat(security.maxStringChars()).isEqualTo(4096);
        assertThat(security.maxHeaderBytes()).isEqualTo(16384);
        assertThat(security.auditKeepEntries()).isEqualTo(500);
    }

    @Test
    void load_encryption_offByDefault_keyFileFromFileOrEnvironment() throws IOException {
        assertThat(load(Map.of(), ConfigOverrides.NONE).node().encryption().enabled()).isFalse();
        Path file = file("encryption: {keyFile: /etc/baton/keys, reloadCheckMs: 500}\n");
        ServerConfig fromFile = load(Map.of("BATON_CONFIG", file.toString()), ConfigOverrides.NONE);
        assertThat(fromFile.node().encryption()).isEqualTo(new dev.baton.server.crypto.EncryptionSettings(
                Path.of("/etc/baton/keys"), 500));
        ServerConfig fromEnv = load(Map.of("BATON_CONFIG", file.toString(), "BATON_ENCRYPTION_KEY_FILE", "/run/k"),
                ConfigOverrides.NONE);
        assertThat(fromEnv.node().encryption().keyFile()).isEqualTo(Path.of("/run/k"));
    }

    @Test
    void load_fileFromBatonConfig_isRead() throws IOException {
        Path file = file("http: {port: 9000}\n");

        ServerConfig config = load(Map.of("BATON_CONFIG", file.toString()), ConfigOverrides.NONE);

        assertThat(config.node().httpPort()).isEqualTo(9000);
        assertThat(config.node().self().raftPort()).isEqualTo(19000);
    }

    @Test
    void load_tenantDefaults_fromFileAndEnv() throws IOException {
        Path file = file("tenants: {defaultBudget: 500, defaultBudgetPeriod: month, defaultMaxInFlight: 8}\n");

        ServerConfig config = load(Map.of("BATON_CONFIG", file.toString(), "BATON_TENANTS_DEFAULT_WEIGHT", "2",
                "BATON_TENANTS_DEFAULT_ON_BUDGET_EXHAUSTED", "hold"), ConfigOverrides.NONE);

        assertThat(config.node().control().tenantDefaults()).isEqualTo(new dev.baton.core.state.TenantSettings(
                500.0, dev.baton.api.BudgetPeriod.MONTH, null, 8, 2, dev.baton.api.BudgetAction.HOLD));
    }

    @Test
    void load_badTenantDefault_namesTheKeyAndTheAcceptedValues() throws IOException {
        Path file = file("tenants: {defaultBudgetPeriod: week, defaultWeight: 0}\n");

        assertThatThrownBy(() -> load(Map.of("BATON_CONFIG", file.toString()), ConfigOverrides.NONE))
                .hasMessageContaining("tenants.defaultBudgetPeriod").hasMessageContaining("hour, day, month")
                .hasMessageContaining("tenants.defaultWeight").hasMessageContaining("1-1000");
    }

    @Test
    void load_configFlag_winsOverBatonConfig() throws IOException {
        Path file = file("http: {port: 9000}\n");

        ServerConfig config = load(Map.of("BATON_CONFIG", dir.resolve("missing.yaml").toString()),
                ConfigOverrides.builder().configFile(file).build());

        assertThat(config.node().httpPort()).isEqualTo(9000);
    }

    @Test
    void load_emptyFileAndEmptySections_useDefaults() throws IOException {
        Path file = file("# nothing yet\nraft:\nhttp:\n  port:\n");

        ServerConfig config = load(Map.of(), ConfigOverrides.builder().configFile(file).build());

        assertThat(config.node()).isEqualTo(load(Map.of(), ConfigOverrides.NONE).node());
    }

    @Test
    void load_envOverridesFile() throws IOException {
        Path file = file("""
                node: {id: a}
                http: {port: 9000}
                peers: [a=h1:9000, b=h2:9000]
                raft: {electionTimeoutMinMs: 400, electionTimeoutMaxMs: 900}
                log: {format: text}
                """);

        ServerConfig config = load(Map.of("BATON_CONFIG", file.toString(), "BATON_NODE_ID", "b",
                "BATON_RAFT_ELECTION_TIMEOUT_MIN_MS", "500", "BATON_LOG_FORMAT", "json",
                "BATON_PEERS", "a=h1:9000,b=h2:9001"), ConfigOverrides.NONE);

        assertThat(config.node().nodeId()).isEqualTo("b");
        assertThat(config.node().peers()).extracting(Peer::httpPort).containsExactly(9000, 9001);
        assertThat(config.node().httpPort()).isEqualTo(9000);
        assertThat(config.node().raft().electionTimeoutMinMs()).isEqualTo(500);
        assertThat(config.node().raft().electionTimeoutMaxMs()).isEqualTo(900);
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void load_flagsOverrideEnv() {
        Map<String, String> env = Map.of("BATON_HTTP_PORT", "9000", "BATON_HTTP_HOST", "10.0.0.1",
                "BATON_NODE_DATA_DIR", "/env", "BATON_NODE_JOIN", "true", "BATON_HTTP_METRICS_AUTH", "true",
                "BATON_LOG_FORMAT", "json", "BATON_AUTH_ADMIN_TOKEN_FILE", "/env/token", "BATON_RAFT_PORT", "9500");
        ConfigOverrides flags = ConfigOverrides.builder().port(7000).host("127.0.0.1").dataDir(Path.of("/flag"))
                .join(false).metricsAuth(false).logFormat("text").adminTokenFile(Path.of("/flag/token"))
                .raftPort(7500).build();

        NodeConfig node = load(env, flags).node();

        assertThat(node.httpPort()).isEqualTo(7000);
        assertThat(node.httpHost()).isEqualTo("127.0.0.1");
        assertThat(node.dataDir()).isEqualTo(Path.of("/flag"));
        assertThat(node.join()).isFalse();
        assertThat(node.metricsOpen()).isTrue();
        assertThat(node.adminTokenFile()).isEqualTo(Path.of("/flag/token"));
        assertThat(node.peers()).containsExactly(new Peer("n1", "127.0.0.1", 7000, 7500));
        assertThat(load(env, flags).logFormat()).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void load_flagPeersAndNodeId_overrideEnv() {
        Map<String, String> env = Map.of("BATON_PEERS", "x=h:1000", "BATON_NODE_ID", "x");

        NodeConfig node = load(env, ConfigOverrides.builder().nodeId("n2")
                .peers("n1=127.0.0.1:8081,n2=127.0.0.1:8082,n3=127.0.0.1:8083").build()).node();

        assertThat(node.nodeId()).isEqualTo("n2");
        assertThat(node.httpPort()).isEqualTo(8082);
        assertThat(node.self().raftPort()).isEqualTo(18082);
        assertThat(node.peers()).hasSize(3);
    }

    @Test
    void load_legacyEnvNames_stillWork() {
        NodeConfig node = load(Map.of("BATON_PORT", "9100", "BATON_HOST", "127.0.0.1", "BATON_DATA_DIR", "/d",
                "BATON_ADMIN_TOKEN", "t0ken", "BATON_LOG_FORMAT", "json"), ConfigOverrides.NONE).node();

        assertThat(node.httpPort()).isEqualTo(9100);
        assertThat(node.httpHost()).isEqualTo("127.0.0.1");
        assertThat(node.dataDir()).isEqualTo(Path.of("/d"));
        assertThat(node.adminTokenFile()).isEqualTo(Path.of("/d/admin.token"));
        assertThat(node.adminToken()).isEqualTo("t0ken");
    }

    @Test
    void load_legacyAndCurrentNameWithSameValue_isAccepted() {
        NodeConfig node = load(Map.of("BATON_PORT", "9100", "BATON_HTTP_PORT", "9100"), ConfigOverrides.NONE).node();

        assertThat(node.httpPort()).isEqualTo(9100);
    }

    @Test
    void load_unrelatedAndBlankBatonVariables_areIgnored() {
        ServerConfig config = load(Map.of("BATON_URL", "http://x:1", "BATON_TOKEN", "t", "BATON_TASK_ID", "42",
                "BATON_HTTP_PORT", "  ", "PATH", "/bin"), ConfigOverrides.NONE);

        assertThat(config.node().httpPort()).isEqualTo(8080);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void load_misspelledSectionVariable_isIgnoredWithWarning() {
        ServerConfig config = load(Map.of("BATON_RAFT_ELECTON_TIMEOUT_MIN_MS", "400"), ConfigOverrides.NONE);

        assertThat(config.node().raft()).isEqualTo(RaftSettings.DEFAULTS);
        assertThat(config.warnings()).containsExactly("BATON_RAFT_ELECTON_TIMEOUT_MIN_MS is not a server setting "
                + "and is ignored (did you mean BATON_RAFT_ELECTION_TIMEOUT_MIN_MS?)");
    }

    @Test
    void load_peersAsSpecsAndMaps_areEquivalent() throws IOException {
        Path specs = file("""
                node: {id: n2}
                peers:
                  - n1=10.0.0.1:8080
                  - n2=10.0.0.2:8080:9000
                  - n3=[::1]:8080
                """);
        NodeConfig fromSpecs = load(Map.of(), ConfigOverrides.builder().configFile(specs).build()).node();
        Path maps = Files.writeString(dir.resolve("maps.yaml"), """
                node: {id: n2}
                peers:
                  - {id: n1, host: 10.0.0.1, httpPort: 8080}
                  - {id: n2, host: 10.0.0.2, httpPort: 8080, raftPort: 9000}
                  - id: n3
                    host: "::1"
                    httpPort: "8080"
                """);
        NodeConfig fromMaps = load(Map.of(), ConfigOverrides.builder().configFile(maps).build()).node();

        assertThat(fromSpecs.peers()).containsExactly(new Peer("n1", "10.0.0.1", 8080, 18080),
                new Peer("n2", "10.0.0.2", 8080, 9000), new Peer("n3", "::1", 8080, 18080));
        assertThat(fromMaps).isEqualTo(fromSpecs);
    }

    @Test
    void load_peersAsOneStringInFile_isCommaSeparatedSpecs() throws IOException {
        Path file = file("peers: n1=h1:8080, n2=h2:8080\n");

        NodeConfig node = load(Map.of(), ConfigOverrides.builder().configFile(file).build()).node();

        assertThat(node.peers()).extracting(Peer::id).containsExactly("n1", "n2");
    }

    @Test
    void load_peersWithExplicitHttpPort_bindsThatPort() {
        NodeConfig node = load(Map.of("BATON_PEERS", "n1=lb.example:80", "BATON_PORT", "8080"),
                ConfigOverrides.NONE).node();

        assertThat(node.httpPort()).isEqualTo(8080);
        assertThat(node.self().httpPort()).isEqualTo(80);
    }

    @Test
    void load_adminTokenFileDefault_followsDataDir() {
        NodeConfig node = load(Map.of("BATON_NODE_DATA_DIR", "/srv/baton"), ConfigOverrides.NONE).node();

        assertThat(node.adminTokenFile()).isEqualTo(Path.of("/srv/baton/admin.token"));
    }

    @Test
    void load_tokensFromEnv_areStripped() {
        NodeConfig node = load(Map.of("BATON_AUTH_ADMIN_TOKEN", " a-token\n", "BATON_AUTH_AGENT_TOKEN", "b-token"),
                ConfigOverrides.NONE).node();

        assertThat(node.adminToken()).isEqualTo("a-token");
        assertThat(node.agentToken()).isEqualTo("b-token");
    }

    @Test
    void load_raftPortWithoutPeers_setsThePeersRaftPort() {
        NodeConfig node = load(Map.of("BATON_RAFT_PORT", "7000"), ConfigOverrides.NONE).node();

        assertThat(node.peers()).containsExactly(new Peer("n1", "127.0.0.1", 8080, 7000));
    }

    @Test
    void load_booleansAndNumbersAsText_areAccepted() throws IOException {
        Path file = file("node: {join: 'TRUE'}\nhttp: {port: '9000'}\n");

        NodeConfig node = load(Map.of(), ConfigOverrides.builder().configFile(file).build()).node();

        assertThat(node.join()).isTrue();
        assertThat(node.httpPort()).isEqualTo(9000);
    }

    @Test
    void load_numericNodeIdInYaml_isText() throws IOException {
        Path file = file("node: {id: 2}\npeers: ['1=h:8080', '2=h:8081']\n");

        assertThat(load(Map.of(), ConfigOverrides.builder().configFile(file).build()).node().nodeId())
                .isEqualTo("2");
    }

    @Test
    void settings_noFlags_isEmpty() {
        assertThat(ConfigOverrides.NONE.settings()).isEmpty();
    }
}
