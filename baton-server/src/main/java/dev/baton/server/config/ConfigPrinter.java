package dev.baton.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.baton.server.NodeConfig;
import dev.baton.server.auth.SecuritySettings;
import dev.baton.server.cluster.Peer;
import dev.baton.core.state.TenantSettings;
import dev.baton.server.control.ControlSettings;
import dev.baton.server.raft.RaftSettings;
import dev.baton.server.auth.JwtSettings;
import dev.baton.server.policy.PolicySettings;
import dev.baton.server.tls.TlsSettings;
import java.io.UncheckedIOException;

/**
 * Writes a {@link ServerConfig} as YAML in the file's schema, every key spelled out, tokens redacted. Peers are
 * written as full specs ({@code id=host:httpPort:raftPort}), so {@code raft.port} never appears. Stateless.
 */
final class ConfigPrinter {
    static final String REDACTED = "<redacted>";
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build());

    private ConfigPrinter() {}

    static String toYaml(ServerConfig config) {
        NodeConfig c = config.node();
        ObjectNode root = YAML.createObjectNode();
        ObjectNode node = root.putObject("node");
        node.put("id", c.nodeId());
        node.put("dataDir", c.dataDir().toString());
        node.put("join", c.join());
        ObjectNode http = root.putObject("http");
        http.put("host", c.httpHost());
        http.put("port", c.httpPort());
        http.put("maxRequestBytes", c.maxRequestBytes());
        http.put("metricsAuth", !c.metricsOpen());
        c.peers().stream().map(Peer::spec).forEach(root.putArray("peers")::add);
        RaftSettings r = c.raft();
        ObjectNode raft = root.putObject("raft");
        raft.put("electionTimeoutMinMs", r.electionTimeoutMinMs());
        raft.put("electionTimeoutMaxMs", r.electionTimeoutMaxMs());
        raft.put("snapshotEveryEntries", r.snapshotEveryEntries());
        raft.put("readyMaxLagEntries", r.readyMaxLagEntries());
        raft.put("requestTimeoutMs", r.requestTimeoutMs());
        ObjectNode auth = root.putObject("auth");
        if (c.adminToken() != null) {
            auth.put("adminToken", REDACTED);
        }
        auth.put("adminTokenFile", c.adminTokenFile().toString());
        if (c.agentToken() != null) {
            auth.put("agentToken", REDACTED);
        }
        ControlSettings s = c.control();
        ObjectNode control = root.putObject("control");
        control.put("heartbeatIntervalMs", s.heartbeatIntervalMs());
        control.put("agentTimeoutMs", s.agentTimeoutMs());
        control.put("leaseTimeoutMs", s.leaseTimeoutMs());
        control.put("maxPollWaitMs", s.maxPollWaitMs());
        control.put("retentionMs", s.retentionMs());
        control.put("drainTimeoutMs", s.drainTimeoutMs());
        OrchestrationConfig.print(s.orchestration(), root);
        TenantSettings t = s.tenantDefaults();
        ObjectNode tenants = root.putObject("tenants");
        tenants.put("defaultBudget", t.budget() == null ? 0 : t.budget().longValue());
        tenants.put("defaultBudgetPeriod", t.budgetPeriod().wireName());
        tenants.put("defaultBudgetThreshold", t.budgetThreshold() == null ? 0 : t.budgetThreshold().longValue());
        tenants.put("defaultMaxInFlight", t.maxInFlight());
        tenants.put("defaultWeight", t.weight());
        tenants.put("defaultOnBudgetExhausted", t.onBudgetExhausted().wireName());
        SecuritySettings sec = c.security();
        http.put("maxHeaderBytes", sec.maxHeaderBytes());
        if (!sec.corsOrigins().isEmpty()) {
            http.put("corsOrigins", String.join(",", sec.corsOrigins()));
        }
        ObjectNode limits = root.putObject("limits");
        limits.put("keyRequestsPerSecond", Math.round(sec.keyRate().perSecond()));
        limits.put("keyBurst", sec.keyRate().burst());
        limits.put("tenantRequestsPerSecond", Math.round(sec.tenantRate().perSecond()));
        limits.put("tenantBurst", sec.tenantRate().burst());
        limits.put("maxJsonDepth", sec.maxJsonDepth());
        limits.put("maxStringChars", sec.maxStringChars());
        root.putObject("audit").put("keepEntries", sec.auditKeepEntries());
        TlsSettings ts = c.tls();
        ObjectNode tls = root.putObject("tls");
        if (ts.enabled()) {
            tls.put("certFile", ts.certFile().toString());
            tls.put("keyFile", ts.keyFile().toString());
        }
        if (ts.caFile() != null) {
            tls.put("caFile", ts.caFile().toString());
        }
        if (ts.clientCaFile() != null) {
            tls.put("clientCaFile", ts.clientCaFile().toString());
        }
        tls.put("raftMutualTls", ts.raftMutualTls());
        tls.put("reloadCheckMs", ts.reloadCheckMs());
        ObjectNode encryption = root.putObject("encryption");
        if (c.encryption().enabled()) {
            encryption.put("keyFile", c.encryption().keyFile().toString());
        }
        encryption.put("reloadCheckMs", c.encryption().reloadCheckMs());
        ObjectNode jwt = root.putObject("jwt");
        JwtSettings j = c.jwt();
        if (j != null) {
            if (j.jwksUrl() != null) {
                jwt.put("jwksUrl", j.jwksUrl().toString());
            }
            if (j.publicKeyFile() != null) {
                jwt.put("publicKeyFile", j.publicKeyFile().toString());
            }
            if (j.hmacSecret() != null) {
                jwt.put("hmacSecret", REDACTED);
            }
            jwt.put("issuer", j.issuer());
            jwt.put("audience", j.audience());
            jwt.put("clockSkewMs", j.clockSkewMs());
            jwt.put("roleClaim", j.roleClaim());
            jwt.put("tenantClaim", j.tenantClaim());
            if (!j.roleMap().isEmpty()) {
                jwt.put("roleMap", String.join(",", j.roleMap().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().wireName()).sorted().toList()));
            }
            jwt.put("jwksRefreshMs", j.jwksRefreshMs());
        }
        ObjectNode policy = root.putObject("policy");
        PolicySettings p = c.policy();
        if (p != null) {
            policy.put("url", p.url().toString());
            policy.put("timeoutMs", p.timeoutMs());
            policy.put("failOpen", p.failOpen());
            policy.put("cacheMs", p.cacheMs());
            policy.put("cacheEntries", p.cacheEntries());
        }
        root.putObject("log").put("format", config.logFormat().wire());
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
