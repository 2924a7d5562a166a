package dev.baton.server.config;

import dev.baton.server.NodeConfig;
import java.util.List;

/**
 * The effective configuration of {@code baton server}: what {@link dev.baton.server.BatonNode#start} takes, plus
 * what only the command uses. Immutable.
 *
 * @param node the node's config, validated
 * @param logFormat the console log format
 * @param warnings things that were ignored but look like mistakes, e.g. a misspelled {@code BATON_RAFT_...} name
 */
public record ServerConfig(NodeConfig node, LogFormat logFormat, List<String> warnings) {
    public ServerConfig {
        warnings = List.copyOf(warnings);
    }

    /**
     * This config as a YAML file in the schema {@link ConfigLoader} reads, with tokens replaced by
     * {@code <redacted>}. Loading it back gives the same config, tokens aside.
     */
    public String toYaml() {
        return ConfigPrinter.toYaml(this);
    }
}
