package dev.baton.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the command line of {@code baton server} sets: the highest-precedence source. A null field leaves the key
 * to the environment, the file or the default. Values are checked by {@link ConfigLoader}, not here, so messages
 * name the flag ({@code --port 70000 (http.port): out of range (accepted: 1-65535)}). Tokens have no flag: a
 * command line is visible to every user of the machine. Immutable.
 *
 * @param configFile {@code --config}: the YAML file; overrides {@code BATON_CONFIG}
 * @param peers {@code --peers}: comma-separated {@code id=host:httpPort[:raftPort]} specs
 * @param logFormat {@code --log-format}: {@code text} or {@code json}
 */
public record ConfigOverrides(Path configFile, String nodeId, String peers, Boolean join, String host, Integer port,
                              Integer raftPort, Path dataDir, Path adminTokenFile, Boolean metricsAuth,
                              String logFormat) {
    /** No flags: everything comes from the environment, the file or the defaults. */
    public static final ConfigOverrides NONE = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** The flags that were given, as settings in the order of {@link ConfigKey#ALL}. */
    List<Setting> settings() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<Setting> settings = new ArrayList<>();
        add(settings, ConfigKey.NODE_ID, nodeId == null ? null : nodes.textNode(nodeId));
        add(settings, ConfigKey.NODE_DATA_DIR, dataDir == null ? null : nodes.textNode(dataDir.toString()));
        add(settings, ConfigKey.NODE_JOIN, join == null ? null : nodes.booleanNode(join));
        add(settings, ConfigKey.HTTP_HOST, host == null ? null : nodes.textNode(host));
        add(settings, ConfigKey.HTTP_PORT, port == null ? null : nodes.numberNode(port));
        add(settings, ConfigKey.HTTP_METRICS_AUTH, metricsAuth == null ? null : nodes.booleanNode(metricsAuth));
        add(settings, ConfigKey.PEERS, peers == null ? null : nodes.textNode(peers));
        add(settings, ConfigKey.RAFT_PORT, raftPort == null ? null : nodes.numberNode(raftPort));
        add(settings, ConfigKey.AUTH_ADMIN_TOKEN_FILE, adminTokenFile == null ? null
                : nodes.textNode(adminTokenFile.toString()));
        add(settings, ConfigKey.LOG_FORMAT, logFormat == null ? null : nodes.textNode(logFormat));
        return settings;
    }

    private static void add(List<Setting> settings, ConfigKey key, JsonNode value) {
        if (value != null) {
            settings.add(new Setting(key, value, Origin.flag(key.flag())));
        }
    }

    /** Sets the flags one by one; unset ones stay null. Not thread-safe. */
    public static final class Builder {
        private Path configFile;
        private String nodeId;
        private String peers;
        private Boolean join;
        private String host;
        private Integer port;
        private Integer raftPort;
        private Path dataDir;
        private Path adminTokenFile;
        private Boolean metricsAuth;
        private String logFormat;

        private Builder() {}

        public Builder configFile(Path value) { configFile = value; return this; }
        public Builder nodeId(String value) { nodeId = value; return this; }
        public Builder peers(String value) { peers = value; return this; }
        public Builder join(Boolean value) { join = value; return this; }
        public Builder host(String value) { host = value; return this; }
        public Builder port(Integer value) { port = value; return this; }
        public Builder raftPort(Integer value) { raftPort = value; return this; }
        public Builder dataDir(Path value) { dataDir = value; return this; }
        public Builder adminTokenFile(Path value) { adminTokenFile = value; return this; }
        public Builder metricsAuth(Boolean value) { metricsAuth = value; return this; }
        public Builder logFormat(String value) { logFormat = value; return this; }

        public ConfigOverrides build() {
            return new ConfigOverrides(configFile, nodeId, peers, join, host, port, raftPort, dataDir,
                    adminTokenFile, metricsAuth, logFormat);
        }
    }
}
