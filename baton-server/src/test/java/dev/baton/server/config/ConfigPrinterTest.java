package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrinterTest {
    @TempDir
    Path dir;

    @Test
    void toYaml_defaults_spellsOutEveryKey() {
        String yaml = ConfigLoader.load(ConfigOverrides.NONE, Map.of()).toYaml();

        assertThat(yaml).isEqualTo("""
                node:
                  id: n1
                  dataDir: ./data
                  join: false
                http:
                  host: 0.0.0.0
                  port: 8080
                  maxRequestBytes: 1048576
                  metricsAuth: false
                  maxHeaderBytes: 8192
                peers:
                  - n1=127.0.0.1:8080:18080
                raft:
                  electionTimeoutMinMs: 150
                  electionTimeoutMaxMs: 300
                  snapshotEveryEntries: 20000
                  readyMaxLagEntries: 1000
                  requestTimeoutMs: 10000
                auth:
                  adminTokenFile: ./data/admin.token
                control:
                  heartbeatIntervalMs: 5000
                  agentTimeoutMs: 15000
                  leaseTimeoutMs: 30000
                  maxPollWaitMs: 30000
                  retentionMs: 86400000
                  drainTimeoutMs: 60000
                routing:
                  defaultPolicy: least_loaded
                  policies: {}
                strategy:
                  defaultStrategy: single
                  maxConcurrentSources: 15
                  timeoutSeconds: 300
                tenants:
                  defaultBudget: 0
                  defaultBudgetPeriod: day
                  defaultBudgetThreshold: 0
                  defaultMaxInFlight: 0
                  defaultWeight: 1
                  defaultOnBudgetExhausted: reject
                limits:
                  keyRequestsPerSecond: 1000
                  keyBurst: 2000
                  tenantRequestsPerSecond: 1000
                  tenantBurst: 2000
                  maxJsonDepth: 64
                  maxStringChars: 1048576
                audit:
                  keepEntries: 10000
                tls:
                  raftMutualTls: false
                  reloadCheckMs: 10000
                encryption:
                  reloadCheckMs: 10000
                jwt: {}
                policy: {}
                log:
                  format: text
                """);
    }

    @Test
    void toYaml_tokens_areRedacted() {
        String yaml = ConfigLoader.load(ConfigOverrides.NONE, Map.of("BATON_ADMIN_TOKEN", "hunter2-admin",
                "BATON_AUTH_AGENT_TOKEN", "hunter2-agent")).toYaml();

        assertThat(yaml).doesNotContain("hunter2").contains("adminToken: <redacted>", "agentToken: <redacted>");
    }

    @Test
    void toYaml_loadedBack_givesTheSameConfig() throws IOException {
        ServerConfig config = ConfigLoader.load(ConfigOverrides.builder().nodeId("b").logFormat("json").build(),
                Map.of("BATON_PEERS", "a=10.0.0.1:8080,b=[::1]:8081:9001", "BATON_CONTROL_RETENTION_MS", "1000",
                        "BATON_NODE_DATA_DIR", "/srv/baton data"));
        Path file = Files.writeString(dir.resolve("printed.yaml"), config.toYaml());

        ServerConfig reloaded = ConfigLoader.load(ConfigOverrides.builder().configFile(file).build(), Map.of());

        assertThat(reloaded).isEqualTo(config);
    }
}
