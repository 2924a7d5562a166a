package dev.baton.server.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One raw value for a key and where it came from, before conversion. Renders the messages about it so that every
 * message names the key and, for the environment or a flag, the variable or flag, in the form the user wrote it:
 * <ul>
 *   <li>file: {@code http.port: 'eighty' is not a number (accepted: 1-65535)}</li>
 *   <li>environment: {@code BATON_HTTP_PORT=eighty (http.port): not a number (accepted: 1-65535)}</li>
 *   <li>flag: {@code --port 70000 (http.port): out of range (accepted: 1-65535)}</li>
 * </ul>
 * The value of a secret key, or of any value that came through a {@code ${env:...}} or {@code ${file:...}}
 * reference, is never rendered. Immutable.
 *
 * @param raw a YAML node from the file, or a text node holding an environment value or flag
 * @param referenced the value was resolved from a reference ({@link SecretRefs}), so it is hidden like a secret
 */
record Setting(ConfigKey key, JsonNode raw, Origin origin, boolean referenced) {
    private static final int MAX_SHOWN_CHARS = 80;

    Setting(ConfigKey key, JsonNode raw, Origin origin) {
        this(key, raw, origin, false);
    }

    /** True when the value must never be shown. */
    boolean hidden() {
        return key.secret() || referenced;
    }

    /** A message for a value that is wrong by itself: where it came from, the value, why, and what is accepted. */
    String invalid(String subPath, JsonNode value, String complaint, String accepted) {
        String path = key.path() + subPath;
        String suffix = accepted == null ? "" : " (accepted: " + accepted + ")";
        return switch (origin.kind()) {
            case FILE -> path + ": " + (hidden() ? "the value" : quoted(value)) + " is " + complaint + suffix;
            case DEFAULT -> path + ": " + quoted(value) + " (the default) is " + complaint + suffix;
            case ENV -> origin.name() + (hidden() ? "" : "=" + text(value)) + " (" + path + "): " + complaint
                    + suffix;
            case FLAG -> origin.name() + (hidden() ? "" : " " + text(value)) + " (" + path + "): " + complaint
                    + suffix;
        };
    }

    /** A message about this setting that does not quote its value. */
    String problem(String subPath, String message) {
        String path = key.path() + subPath;
        return switch (origin.kind()) {
            case FILE, DEFAULT -> path + ": " + message;
            case ENV, FLAG -> origin.name() + " (" + path + "): " + message;
        };
    }

    /** How to name this setting in a sentence about another one: {@code raft.electionTimeoutMinMs (700)}. */
    String describe() {
        String where = switch (origin.kind()) {
            case FILE -> "";
            case DEFAULT -> ", the default";
            case ENV, FLAG -> ", from " + origin.name();
        };
        return key.path() + " (" + (hidden() ? "set" : text(raw)) + where + ")";
    }

    private static String quoted(JsonNode value) {
        if (value.isObject()) {
            return "a map";
        }
        if (value.isArray()) {
            return "a list";
        }
        return "'" + text(value) + "'";
    }

    private static String text(JsonNode value) {
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
    }
}
