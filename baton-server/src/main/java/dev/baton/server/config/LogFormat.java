package dev.baton.server.config;

import java.util.Locale;

/** How a node writes its log to the console: {@code text} lines or one JSON object per line. */
public enum LogFormat {
    TEXT, JSON;

    /** The name used in the config file, environment and flags. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LogFormat fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
