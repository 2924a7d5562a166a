package dev.baton.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The converted value of every key that was set, taking the highest-precedence setting of each. Every setting is
 * converted, including overridden ones, so a bad value is reported even when a higher source overrides it. Filled
 * on one thread, source by source, then read-only.
 */
final class Values {
    private final List<String> problems;
    private final SecretRefs refs;
    private final Map<ConfigKey, Setting> effective = new HashMap<>();
    private final Map<ConfigKey, Object> converted = new HashMap<>();
    private final Set<ConfigKey> invalid = new HashSet<>();

    /** Empty values whose conversion problems go to {@code problems}; references resolve through {@code refs}. */
    Values(List<String> problems, SecretRefs refs) {
        this.problems = problems;
        this.refs = refs;
    }

    /** Converts the settings of the next source up in precedence; each replaces what lower sources set. */
    void add(List<Setting> settings) {
        for (Setting given : settings) {
            Setting resolved = resolved(given);
            Setting setting = resolved == null ? given : resolved;
            ConfigKey key = setting.key();
            Object value = resolved == null ? null : key.kind().convert(setting.raw(), new Report(setting, problems));
            effective.put(key, setting);
            if (value == null) {
                invalid.add(key);
                converted.remove(key);
            } else {
                invalid.remove(key);
                converted.put(key, value);
            }
        }
    }

    /** The setting with its references resolved (marked hidden), itself when it has none, null when one failed. */
    private Setting resolved(Setting setting) {
        if (!setting.raw().isTextual() || !SecretRefs.references(setting.raw().asText())) {
            return setting;
        }
        String text = refs.resolve(setting.raw().asText(), new Report(setting, problems));
        return text == null ? null
                : new Setting(setting.key(), JsonNodeFactory.instance.textNode(text), setting.origin(), true);
    }

    /** True when some source set {@code key}, validly or not. */
    boolean isSet(ConfigKey key) {
        return effective.containsKey(key);
    }

    /** False when the effective value of {@code key} was invalid (and already reported). */
    boolean usable(ConfigKey key) {
        return !invalid.contains(key);
    }

    /** The effective value of {@code key}, or {@code fallback} when it is unset or invalid. */
    @SuppressWarnings("unchecked")
    <T> T get(ConfigKey key, T fallback) {
        return (T) converted.getOrDefault(key, fallback);
    }

    /** The effective port value of {@code key}, or {@code fallback}. */
    int port(ConfigKey key, int fallback) {
        return Math.toIntExact(get(key, (long) fallback));
    }

    /** The setting that decided {@code key}, or one saying it took {@code fallback} by default. */
    Setting setting(ConfigKey key, Object fallback) {
        Setting setting = effective.get(key);
        return setting != null ? setting : new Setting(key, node(fallback), Origin.DEFAULT);
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (value) {
            case Long l -> nodes.numberNode(l);
            case Integer i -> nodes.numberNode(i);
            case Boolean b -> nodes.booleanNode(b);
            case Path p -> nodes.textNode(p.toString());
            default -> nodes.textNode(String.valueOf(value));
        };
    }
}
