package dev.baton.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kind of value a key takes: how a raw value (a YAML node, or a text node from the environment or a flag)
 * becomes a Java value, and how to say what is accepted. Text from the environment and flags is converted the same
 * way as the file's scalars, so {@code "8080"} and {@code 8080} are both a port. Stateless.
 */
sealed interface ValueKind permits ValueKind.Whole, ValueKind.Bool, ValueKind.Text, ValueKind.FilePath,
        ValueKind.Choice, ValueKind.Secret, PeerList, PolicyMap, StrategyValue {
    /** A TCP port, 1-65535. */
    Whole PORT = new Whole(1, 65_535);
    Bool BOOLEAN = new Bool();
    /** A node id, the same rule as {@link dev.baton.server.cluster.Peer}'s. */
    Text NODE_ID = new Text(Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}"), "not a valid node id",
            "1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
    Text HOST = new Text(Pattern.compile("[^\\s/]+"), "not a host name or address",
            "a host name or IP address, e.g. 0.0.0.0");
    FilePath PATH = new FilePath();
    Secret SECRET = new Secret();
    /** An {@code http://} or {@code https://} URL. */
    Text URL = new Text(Pattern.compile("https?://[^\\s]+"), "not an http:// or https:// URL",
            "an http:// or https:// URL");
    /** A non-blank word without spaces (an issuer, an audience, a claim name). */
    Text WORD = new Text(Pattern.compile("\\S{1,512}"), "not a single word", "1-512 characters without spaces");
    /** Claim value to role pairs: {@code value=role,value=role}. */
    Text ROLE_MAP = new Text(Pattern.compile("[^=,\\s]+=[a-z]+(,[^=,\\s]+=[a-z]+)*"),
            "not a list of value=role pairs",
            "value=role pairs separated by commas; roles admin, operator, submitter, agent, viewer");

    /** Converts {@code raw}, or reports why not and returns null. */
    Object convert(JsonNode raw, Report report);

    /** What is accepted, for messages and docs. */
    String accepted();

    /** A whole number in {@code [min, max]}; converts to {@link Long}. */
    record Whole(long min, long max) implements ValueKind {
        @Override
        public Object convert(JsonNode raw, Report report) {
            long value;
            if (raw.isIntegralNumber() && raw.canConvertToLong()) {
                value = raw.asLong();
            } else if (raw.isIntegralNumber()) {
                report.invalid("out of range");
                return null;
            } else if (raw.isNumber()) {
                report.invalid("not a whole number");
                return null;
            } else if (raw.isTextual()) {
                String text = raw.asText().strip();
                try {
                    value = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    report.invalid(text.matches("[+-]?\\d+") ? "out of range"
                            : text.matches("[+-]?\\d*\\.\\d+") ? "not a whole number" : "not a number");
                    return null;
                }
            } else {
                report.invalid("not a number");
                return null;
            }
            if (value < min || value > max) {
                report.invalid("out of range");
                return null;
            }
            return value;
        }

        @Override
        public String accepted() {
            return min + "-" + max;
        }
    }

    /** {@code true} or {@code false} (any case in text); converts to {@link Boolean}. */
    record Bool() implements ValueKind {
        @Override
        public Object convert(JsonNode raw, Report report) {
            if (raw.isBoolean()) {
                return raw.asBoolean();
            }
            String text = raw.isTextual() ? raw.asText().strip().toLowerCase(Locale.ROOT) : "";
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
            report.invalid("not true or false");
            return null;
        }

        @Override
        public String accepted() {
            return "true, false";
        }
    }

    /** A string (or a whole number, read as its digits) matching {@code pattern}; converts to {@link String}. */
    record Text(Pattern pattern, String complaint, String accepted) implements ValueKind {
        @Override
        public Object convert(JsonNode raw, Report report) {
            if (!raw.isTextual() && !raw.isIntegralNumber()) {
                report.invalid("not a string");
                return null;
            }
            String text = raw.asText().strip();
            if (!pattern.matcher(text).matches()) {
                report.invalid(complaint);
                return null;
            }
            return text;
        }
    }

    /** A file system path; converts to {@link Path}. */
    record FilePath() implements ValueKind {
        @Override
        public Object convert(JsonNode raw, Report report) {
            if (!raw.isTextual() || raw.asText().isBlank()) {
                report.invalid(raw.isTextual() ? "blank" : "not a string");
                return null;
            }
            try {
                return Path.of(raw.asText().strip());
            } catch (InvalidPathException e) {
                report.invalid("not a valid path");
                return null;
            }
        }

        @Override
        public String accepted() {
            return "a file or directory path";
        }
    }

    /** One of a few lower-case words (any case accepted); converts to the lower-case {@link String}. */
    record Choice(List<String> choices) implements ValueKind {
        @Override
        public Object convert(JsonNode raw, Report report) {
            String text = raw.isTextual() ? raw.asText().strip().toLowerCase(Locale.ROOT) : "";
            if (choices.contains(text)) {
                return text;
            }
            report.invalid("not a valid choice");
            return null;
        }

        @Override
        public String accepted() {
            return String.join(", ", choices);
        }
    }

    /** A token: a non-blank string, stripped. Never shown, so a YAML number is refused rather than reformatted. */
    record Secret() implements ValueKind {
        @Override
        public Object convert(JsonNode raw, Report report) {
            if (!raw.isTextual() || raw.asText().isBlank()) {
                report.invalid(raw.isTextual() ? "blank" : "not a string");
                return null;
            }
            return raw.asText().strip();
        }

        @Override
        public String accepted() {
            return "a non-blank string, quoted in YAML if it could read as a number";
        }
    }
}
