package dev.baton.cli;

import dev.baton.server.config.ConfigOverrides;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags of {@code baton server}. None has a picocli default: a flag left out leaves its key to the
 * {@code BATON_*} environment, the config file or the built-in default, in that order (see
 * {@link dev.baton.server.config.ConfigLoader}). Values are checked by the loader, so errors name the flag and the
 * key. A picocli mixin, filled in once per invocation on the main thread.
 */
final class ServerOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config file (env BATON_CONFIG). Keys: docs/configuration.md.")
    Path config;

    @Option(names = "--node-id", paramLabel = "ID",
            description = "This node's id, one of --peers (node.id; default: n1).")
    String nodeId;

    @Option(names = "--peers", paramLabel = "SPECS", description = "Every node of the cluster, this one included: "
            + "id=host:httpPort[:raftPort],... (peers; default: this node alone on 127.0.0.1).")
    String peers;

    @Option(names = "--join", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Start outside the cluster and wait for `baton cluster add-node` (node.join).")
    Boolean join;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "Address HTTP and Raft bind to (http.host; env also BATON_HOST; default: 0.0.0.0).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (http.port; env also BATON_PORT; "
            + "default: this node's port in --peers, else 8080).")
    Integer port;

    @Option(names = "--raft-port", paramLabel = "PORT", description = "Raft port of a node without --peers "
            + "(raft.port; default: HTTP port + 10000).")
    Integer raftPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Raft log, snapshots and token files "
            + "(node.dataDir; env also BATON_DATA_DIR; default: ./data).")
    Path dataDir;

    @Option(names = "--admin-token-file", paramLabel = "FILE", description = "File holding the admin token, read "
            + "when BATON_ADMIN_TOKEN is not set (auth.adminTokenFile; default: <data-dir>/admin.token).")
    Path adminTokenFile;

    @Option(names = "--metrics-auth", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Require an API key on /metrics (http.metricsAuth; default: open).")
    Boolean metricsAuth;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text or json (log.format; default: text).")
    String logFormat;

    /** The flags that were given, for the config loader. */
    ConfigOverrides overrides() {
        return ConfigOverrides.builder().configFile(config).nodeId(nodeId).peers(peers).join(join).host(host)
                .port(port).raftPort(raftPort).dataDir(dataDir).adminTokenFile(adminTokenFile)
                .metricsAuth(metricsAuth).logFormat(logFormat).build();
    }
}
