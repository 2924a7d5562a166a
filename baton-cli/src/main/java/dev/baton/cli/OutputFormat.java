package dev.baton.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints its reply: tables and lines for people, or the JSON reply for scripts. */
public enum OutputFormat {
    TEXT, JSON;

    /** Parses {@code text} or {@code json}, in any case. Stateless and thread-safe. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not one of text, json");
            }
        }
    }
}
