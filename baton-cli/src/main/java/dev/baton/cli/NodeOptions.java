package dev.baton.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code dev} and {@code server}. */
final class NodeOptions {
    @Option(names = "--data-dir", defaultValue = "${env:BATON_DATA_DIR:-./data}",
            description = "Where the Raft log, snapshots and token files live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "${env:BATON_PORT:-8080}",
            description = "HTTP port (default: ${DEFAULT-VALUE}). Raft listens on this port + 10000.")
    int port;

    @Option(names = "--raft-port", description = "Raft port (default: HTTP port + 10000).")
    Integer raftPort;

    @Option(names = "--log-format", defaultValue = "${env:BATON_LOG_FORMAT:-text}",
            description = "text or json (one JSON object per line).")
    String logFormat;
}
