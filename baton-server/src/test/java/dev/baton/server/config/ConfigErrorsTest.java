package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of configuration error, with the exact message a user sees. */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    private List<String> fileProblems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("baton.yaml"), yaml);
        return problems(Map.of(), ConfigOverrides.builder().configFile(file).build());
    }

    private static List<String> problems(Map<String, String> env, ConfigOverrides flags) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(flags, env));
        assertThat(e).as("a ConfigException").isNotNull();
        return e.problems();
    }

    private static List<String> envProblems(String... nameValues) {
        Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            env.put(nameValues[i], nameValues[i + 1]);
        }
        return problems(env, ConfigOverrides.NONE);
    }

    @Test
    void load_unknownKeyInFile_namesFullPathAndClosestKey() throws IOException {
        assertThat(fileProblems("http: {prot: 80}\nraft: {election_timeout_min_ms: 400}\nhtpp: {}\n"))
                .containsExactly("http.prot: unknown key (did you mean http.port?)",
                        "raft.election_timeout_min_ms: unknown key (did you mean raft.electionTimeoutMinMs?)",
                        "htpp: unknown key (did you mean http?)");
    }

    @Test
    void load_unknownKeyWithNothingClose_listsTheSectionsKeys() throws IOException {
        assertThat(fileProblems("http: {colour: blue}\nstorage: {}\n")).containsExactly(
                "http.colour: unknown key (http has host, port, maxRequestBytes, metricsAuth, maxHeaderBytes, corsOrigins)",
                "storage: unknown key (the top-level keys are node, http, peers, raft, auth, control, routing, "
                        + "strategy, tenants, limits, audit, tls, encryption, jwt, policy, log)");
    }

    @Test
    void load_wrongTypesInFile_nameKeyValueAndAccepted() throws IOException {
        assertThat(fileProblems("""
                http: {port: eighty, maxRequestBytes: [1], metricsAuth: maybe}
                node: {id: 'n 1', join: 1}
                raft: {requestTimeoutMs: 1.5, electionTimeoutMinMs: 10}
                log: {format: xml}
                """)).containsExactly(
                "http.port: 'eighty' is not a number (accepted: 1-65535)",
                "http.maxRequestBytes: a list is not a number (accepted: 1024-1073741824)",
                "http.metricsAuth: 'maybe' is not true or false (accepted: true, false)",
                "node.id: 'n 1' is not a valid node id (accepted: 1-63 letters, digits, '.', '_' or '-', starting "
                        + "with a letter or digit)",
                "node.join: '1' is not true or false (accepted: true, false)",
                "raft.requestTimeoutMs: '1.5' is not a whole number (accepted: 100-31536000000)",
                "raft.electionTimeoutMinMs: '10' is out of range (accepted: 50-31536000000)",
                "log.format: 'xml' is not a valid choice (accepted: text, json)");
    }

    @Test
    void load_sectionNotAMap_isRejected() throws IOException {
        assertThat(fileProblems("http: 8080\n")).containsExactly(
                "http: the value is not a map (accepted: a map with the keys host, port, maxRequestBytes, metricsAuth, "
                        + "maxHeaderBytes, corsOrigins)");
    }

    @Test
    void load_badEnvValues_nameVariableKeyValueAndAccepted() {
        assertThat(envProblems("BATON_RAFT_ELECTION_TIMEOUT_MIN_MS", "abc", "BATON_PORT", "99999",
                "BATON_LOG_FORMAT", "xml", "BATON_NODE_JOIN", "yes")).containsExactly(
                "BATON_NODE_JOIN=yes (node.join): not true or false (accepted: true, false)",
                "BATON_PORT=99999 (http.port): out of range (accepted: 1-65535)",
                "BATON_RAFT_ELECTION_TIMEOUT_MIN_MS=abc (raft.electionTimeoutMinMs): not a number "
                        + "(accepted: 50-31536000000)",
                "BATON_LOG_FORMAT=xml (log.format): not a valid choice (accepted: text, json)");
    }

    @Test
    void load_badFlagValues_nameFlagAndKey() {
        assertThat(problems(Map.of(), ConfigOverrides.builder().port(70000).logFormat("yaml").build()))
                .containsExactly("--port 70000 (http.port): out of range (accepted: 1-65535)",
                        "--log-format yaml (log.format): not a valid choice (accepted: text, json)");
    }

    @Test
    void load_badFileValueOverriddenByEnv_isStillReported() throws IOException {
        Path file = Files.writeString(dir.resolve("baton.yaml"), "http: {port: eighty}\n");

        assertThat(problems(Map.of("BATON_PORT", "8080"), ConfigOverrides.builder().configFile(file).build()))
                .containsExactly("http.port: 'eighty' is not a number (accepted: 1-65535)");
    }

    @Test
    void load_legacyAndCurrentNamesDisagree_isRejected() {
        assertThat(envProblems("BATON_PORT", "8080", "BATON_HTTP_PORT", "9090")).containsExactly(
                "BATON_HTTP_PORT and BATON_PORT (http.port) are both set, to different values: unset one "
                        + "(BATON_HTTP_PORT is the current name)");
    }

    @Test
    void load_badPeerSpecFromFlag_quotesPeersMessage() {
        assertThat(problems(Map.of(), ConfigOverrides.builder().peers("n1=h:8080,n2=h").build())).containsExactly(
                "--peers (peers): peer 'n2=h' has no port: use id=host:httpPort[:raftPort]");
    }

    @Test
    void load_badPeersInFile_nameTheItem() throws IOException {
        assertThat(fileProblems("""
                peers:
                  - n1=h1
                  - {id: n2, hots: h2, httpPort: x}
                  - 42
                """)).containsExactly(
                "peers[0]: peer 'n1=h1' has no port: use id=host:httpPort[:raftPort]",
                "peers[1].hots: unknown key (did you mean host?); a peer has id, host, httpPort, raftPort",
                "peers[1]: missing host (a peer has id, host, httpPort, raftPort; raftPort defaults to httpPort "
                        + "+ 10000)",
                "peers[1].httpPort: 'x' is not a number (accepted: 1-65535)",
                "peers[2]: '42' is not a peer (accepted: id=host:httpPort[:raftPort] specs (comma-separated, or a "
                        + "YAML list of specs or {id, host, httpPort, raftPort} maps))");
    }

    @Test
    void load_duplicatePeers_areRejected() {
        assertThat(envProblems("BATON_PEERS", "n1=h:8080,n1=h2:8080,n2=h:18080")).containsExactly(
                "BATON_PEERS (peers): node id 'n1' appears twice",
                "BATON_PEERS (peers): n1 and n2 both use h:18080");
    }

    @Test
    void load_peerOnBindAllAddress_isRejected() {
        assertThat(envProblems("BATON_PEERS", "n1=0.0.0.0:8080,n2=[::]:8080")).containsExactly(
                "BATON_PEERS (peers): n1's host 0.0.0.0 is a bind-all address; give the address other nodes and "
                        + "clients reach it at (http.host sets what to bind)",
                "BATON_PEERS (peers): n2's host :: is a bind-all address; give the address other nodes and "
                        + "clients reach it at (http.host sets what to bind)");
    }

    @Test
    void load_emptyPeerList_isRejected() throws IOException {
        assertThat(fileProblems("peers: []\n")).containsExactly(
                "peers: is empty: list every node of the cluster, this one included");
    }

    @Test
    void load_nodeIdNotAmongPeers_namesTheIds() {
        assertThat(envProblems("BATON_PEERS", "a=h:1,b=h:2")).containsExactly(
                "node.id: 'n1' (the default) is not among the peers (accepted: a, b)");
        assertThat(envProblems("BATON_PEERS", "a=h:1,b=h:2", "BATON_NODE_ID", "c")).containsExactly(
                "BATON_NODE_ID=c (node.id): not among the peers (accepted: a, b)");
    }

    @Test
    void load_raftPortWithPeers_isRejected() {
        assertThat(problems(Map.of("BATON_PEERS", "n1=h:8080"), ConfigOverrides.builder().raftPort(9000).build()))
                .containsExactly("--raft-port (raft.port): applies only when peers is not set; give this node's "
                        + "Raft port in its peer spec instead (id=host:httpPort:raftPort)");
    }

    @Test
    void load_httpPortTooHighForDefaultRaftPort_saysSetRaftPort() {
        assertThat(envProblems("BATON_HTTP_PORT", "60000")).containsExactly(
                "BATON_HTTP_PORT=60000 (http.port): too high for the default Raft port (http.port + 10000) "
                        + "(accepted: 1-55535, or set raft.port)");
    }

    @Test
    void load_raftPortEqualsHttpPort_isRejected() {
        assertThat(problems(Map.of(), ConfigOverrides.builder().port(9000).raftPort(9000).build())).containsExactly(
                "--raft-port 9000 (raft.port): the same as http.port (accepted: a port other than 9000)");
    }

    @Test
    void load_electionTimeoutMaxNotAboveMin_namesBothAndTheirSources() {
        assertThat(envProblems("BATON_RAFT_ELECTION_TIMEOUT_MIN_MS", "700")).containsExactly(
                "raft.electionTimeoutMaxMs: '300' (the default) is not greater than raft.electionTimeoutMinMs "
                        + "(700, from BATON_RAFT_ELECTION_TIMEOUT_MIN_MS) (accepted: more than "
                        + "raft.electionTimeoutMinMs)");
    }

    @Test
    void load_agentAndLeaseTimeoutsNotAboveHeartbeat_areRejected() throws IOException {
        assertThat(fileProblems("control: {heartbeatIntervalMs: 40000, agentTimeoutMs: 20000}\n")).containsExactly(
                "control.agentTimeoutMs: '20000' is not greater than control.heartbeatIntervalMs (40000) "
                        + "(accepted: more than control.heartbeatIntervalMs)",
                "control.leaseTimeoutMs: '30000' (the default) is not greater than control.heartbeatIntervalMs "
                        + "(40000) (accepted: more than control.heartbeatIntervalMs)");
    }

    @Test
    void load_missingConfigFile_namesWhereItCameFrom() {
        Path missing = dir.resolve("missing.yaml");

        assertThat(problems(Map.of(), ConfigOverrides.builder().configFile(missing).build()))
                .containsExactly("--config " + missing + ": no such file");
        assertThat(envProblems("BATON_CONFIG", missing.toString()))
                .containsExactly("BATON_CONFIG=" + missing + ": no such file");
    }

    @Test
    void load_invalidYaml_givesLineAndColumnButNoText() throws IOException {
        Path file = dir.resolve("baton.yaml");

        assertThat(fileProblems("auth:\n  adminToken: s3cr3t-t0ken: x\n")).containsExactly(
                file + ": not valid YAML at line 2, column 27: mapping values are not allowed here");
    }

    @Test
    void load_duplicateKeyInFile_isRejected() throws IOException {
        assertThat(fileProblems("http:\n  port: 1\n  port: 2\n")).singleElement().asString()
                .endsWith("not valid YAML at line 3, column 7: Duplicate field 'port'");
    }

    @Test
    void load_topLevelNotAMap_isRejected() throws IOException {
        assertThat(fileProblems("- n1=h:8080\n")).singleElement().asString()
                .endsWith("baton.yaml: the top level must be a map with the sections node, http, peers, raft, auth, "
                        + "control, routing, strategy, tenants, limits, audit, tls, encryption, jwt, policy, log");
    }

    @Test
    void load_severalProblems_areReportedTogether() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(
                ConfigOverrides.builder().port(0).build(), Map.of("BATON_NODE_ID", "-x", "BATON_LOG_FORMAT", "xml")));

        assertThat(e.getMessage()).isEqualTo("""
                3 configuration problems:
                  BATON_NODE_ID=-x (node.id): not a valid node id (accepted: 1-63 letters, digits, '.', '_' or '-', \
                starting with a letter or digit)
                  BATON_LOG_FORMAT=xml (log.format): not a valid choice (accepted: text, json)
                  --port 0 (http.port): out of range (accepted: 1-65535)""");
    }

    @Test
    void load_badSecrets_neverShowTheValue() throws IOException {
        Path file = Files.writeString(dir.resolve("baton.yaml"), """
                auth:
                  adminToken: 123456789
                  agentToken: ''
                  admintoken: hunter2-file
                  agentTokn: hunter3-file
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(
                ConfigOverrides.builder().configFile(file).build(),
                Map.of("BATON_ADMIN_TOKEN", "hunter4-env", "BATON_AUTH_ADMIN_TOKEN", "hunter5-env")));

        assertThat(e.problems()).containsExactly(
                "auth.admintoken: unknown key (did you mean auth.adminToken?)",
                "auth.agentTokn: unknown key (did you mean auth.agentToken?)",
                "auth.adminToken: the value is not a string (accepted: a non-blank string, quoted in YAML if it "
                        + "could read as a number)",
                "auth.agentToken: the value is blank (accepted: a non-blank string, quoted in YAML if it could read "
                        + "as a number)",
                "BATON_AUTH_ADMIN_TOKEN and BATON_ADMIN_TOKEN (auth.adminToken) are both set, to different values: "
                        + "unset one (BATON_AUTH_ADMIN_TOKEN is the current name)");
        assertThat(e.getMessage()).doesNotContain("123456789", "hunter");
    }

    @Test
    void load_secretInYamlSyntaxError_isNotQuoted() throws IOException {
        List<String> problems = fileProblems("auth:\n  adminToken: \"hunter2\n");

        assertThat(problems).singleElement().asString().contains("not valid YAML at line").doesNotContain("hunter2");
    }
}
