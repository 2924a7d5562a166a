package dev.baton.server.config;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads {@code BATON_*} environment variables into settings. Each key has one canonical name ({@code BATON_} + its
 * path in UPPER_SNAKE_CASE) and maybe older aliases ({@code BATON_PORT}); a blank value counts as unset. Variables
 * that are not settings are ignored (the CLI's {@code BATON_URL}, {@code BATON_TOKEN}, ...), but one under a
 * section's prefix ({@code BATON_RAFT_...}) that matches no key earns a warning, with the closest name. Stateless.
 */
final class EnvSource {
    private EnvSource() {}

    /** The settings {@code env} holds; conflicting aliases go to {@code problems}, near-misses to {@code warnings}. */
    static List<Setting> read(Map<String, String> env, List<String> problems, List<String> warnings) {
        List<Setting> settings = new ArrayList<>();
        for (ConfigKey key : ConfigKey.ALL) {
            List<String> present = key.envNames().stream()
                    .filter(name -> env.get(name) != null && !env.get(name).isBlank()).toList();
            if (present.isEmpty()) {
                continue;
            }
            if (present.stream().map(name -> env.get(name).strip()).distinct().count() > 1) {
                problems.add(String.join(" and ", present) + " (" + key.path() + ") are both set, to different "
                        + "values: unset one (" + present.getFirst() + " is the current name)");
                continue;
            }
            settings.add(new Setting(key, TextNode.valueOf(env.get(present.getFirst())),
                    Origin.env(present.getFirst())));
        }
        warnings.addAll(nearMisses(env));
        return settings;
    }

    private static List<String> nearMisses(Map<String, String> env) {
        List<String> known = ConfigKey.ALL.stream().flatMap(k -> k.envNames().stream()).toList();
        List<String> prefixes = ConfigKey.TOP_LEVEL.stream()
                .map(section -> "BATON_" + section.toUpperCase(Locale.ROOT) + "_").toList();
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (known.contains(name) || prefixes.stream().noneMatch(name::startsWith)) {
                continue;
            }
            String hint = Suggest.closest(name, known).map(s -> " (did you mean " + s + "?)").orElse("");
            warnings.add(name + " is not a server setting and is ignored" + hint);
        }
        return warnings;
    }
}
