package dev.baton.server.config;

import java.nio.file.Path;

/**
 * Where a setting's value came from, lowest precedence first: the built-in default, the YAML file, an environment
 * variable, a command-line flag. Immutable.
 *
 * @param name the file path, variable name or flag; empty for a default
 */
record Origin(Kind kind, String name) {
    /** The sources in order of precedence, lowest first. */
    enum Kind { DEFAULT, FILE, ENV, FLAG }

    static final Origin DEFAULT = new Origin(Kind.DEFAULT, "");

    static Origin file(Path file) {
        return new Origin(Kind.FILE, file.toString());
    }

    static Origin env(String variable) {
        return new Origin(Kind.ENV, variable);
    }

    static Origin flag(String flag) {
        return new Origin(Kind.FLAG, flag);
    }
}
