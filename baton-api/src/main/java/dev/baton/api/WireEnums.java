package dev.baton.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses lower-case wire names of enums with a message that lists the accepted values. */
public final class WireEnums {
    private WireEnums() {}

    /** Returns the constant whose lower-case name is {@code value}; throws with the accepted values otherwise. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + acceptedValues(type));
    }

    /** The accepted wire names, comma separated. */
    public static String acceptedValues(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
