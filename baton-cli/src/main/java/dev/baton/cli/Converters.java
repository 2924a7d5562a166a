package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.AgentTier;
import dev.baton.api.BudgetAction;
import dev.baton.api.BudgetPeriod;
import dev.baton.api.Role;
import dev.baton.api.TaskState;
import dev.baton.api.WireEnums;
import dev.baton.client.BatonJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for Baton's option types; each turns bad input into a usage error naming the accepted forms. Stateless. */
public final class Converters {
    private Converters() {}

    /** A duration such as {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}; a bare number is seconds. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 60s, 5m or 1h");
            }
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
    }

    /** A JSON value given inline, or {@code -} to read it from standard input. */
    static final class JsonConverter implements ITypeConverter<JsonNode> {
        @Override
        public JsonNode convert(String value) throws IOException {
            String text = value.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : value;
            return parse(text, "quote JSON strings, e.g. '\"hello\"'");
        }
    }

    /** A JSON value read from a file. */
    static final class JsonFileConverter implements ITypeConverter<JsonNode> {
        @Override
        public JsonNode convert(String value) throws IOException {
            Path path = Path.of(value);
            if (!Files.isReadable(path)) {
                throw new TypeConversionException("cannot read the JSON file " + path);
            }
            return parse(Files.readString(path), "in " + path);
        }
    }

    private static JsonNode parse(String text, String hint) {
        try {
            return BatonJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + abbreviate(text) + "' is " + e.getMessage() + " (" + hint + ")");
        }
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "...";
    }

    /** A task state by its wire name, such as {@code queued} or {@code timed_out}. */
    static final class TaskStateConverter implements ITypeConverter<TaskState> {
        @Override
        public TaskState convert(String value) {
            try {
                return TaskState.fromWire(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A role by its wire name, such as {@code submitter}. */
    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.fromWire(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A wire enum by its lower-case name; bad input names the accepted values. */
    abstract static class WireEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {
        private final Class<E> type;

        WireEnumConverter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            try {
                return WireEnums.parse(type, value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An agent tier: {@code standard} or {@code premium}. */
    static final class TierConverter extends WireEnumConverter<AgentTier> {
        TierConverter() {
            super(AgentTier.class);
        }
    }

    /** A budget period: {@code hour}, {@code day} or {@code month}. */
    static final class BudgetPeriodConverter extends WireEnumConverter<BudgetPeriod> {
        BudgetPeriodConverter() {
            super(BudgetPeriod.class);
        }
    }

    /** What a tenant past its budget gets: {@code reject} or {@code hold}. */
    static final class BudgetActionConverter extends WireEnumConverter<BudgetAction> {
        BudgetActionConverter() {
            super(BudgetAction.class);
        }
    }
}
