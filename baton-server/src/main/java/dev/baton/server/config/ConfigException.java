package dev.baton.server.config;

import java.util.List;

/**
 * The configuration could not be loaded. Holds every problem found, each naming the key and, for the environment
 * or a flag, the variable or flag; none holds a token. The message is the one problem, or a count followed by one
 * problem per indented line.
 */
public final class ConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order found: file, environment, flags, then checks across keys. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return problems.getFirst();
        }
        return problems.size() + " configuration problems:\n  " + String.join("\n  ", problems);
    }
}
