package dev.baton.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML config file into settings: {@code peers} at the top level, every other key one level down in its
 * section ({@code http: {port: 8080}}). Unknown keys, duplicate keys and a section that is not a map are problems
 * naming the full key path; an empty value ({@code port:}) leaves the key unset. Messages never quote the file's
 * text, which may hold tokens. Stateless.
 */
final class YamlSource {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private YamlSource() {}

    /**
     * The settings in {@code file}, in file order; problems are added to {@code problems}.
     *
     * @param where how to name the file in messages, e.g. {@code --config /etc/baton.yaml}
     */
    static List<Setting> read(Path file, String where, List<String> problems) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            problems.add(where + ": no such file");
            return List.of();
        } catch (JsonProcessingException e) {
            problems.add(file + ": not valid YAML " + syntaxError(e));
            return List.of();
        } catch (IOException e) {
            problems.add(where + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            return List.of();
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isObject()) {
            problems.add(file + ": the top level must be a map with the sections " + String.join(", ",
                    ConfigKey.TOP_LEVEL));
            return List.of();
        }
        Origin origin = Origin.file(file);
        List<Setting> settings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (name.equals(ConfigKey.PEERS.path())) {
                addUnlessNull(ConfigKey.PEERS, value, origin, settings);
            } else if (ConfigKey.TOP_LEVEL.contains(name)) {
                readSection(name, value, origin, settings, problems);
            } else {
                problems.add(unknownKey(name));
            }
        }
        return settings;
    }

    private static void readSection(String section, JsonNode value, Origin origin, List<Setting> settings,
                                    List<String> problems) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            problems.add(section + ": the value is not a map (accepted: a map with the keys "
                    + keyNames(section) + ")");
            return;
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String path = section + "." + field.getKey();
            ConfigKey.byPath(path).ifPresentOrElse(
                    key -> addUnlessNull(key, field.getValue(), origin, settings),
                    () -> problems.add(unknownKey(path)));
        }
    }

    private static void addUnlessNull(ConfigKey key, JsonNode value, Origin origin, List<Setting> settings) {
        if (!value.isNull()) {
            settings.add(new Setting(key, value, origin));
        }
    }

    /** {@code http.prot: unknown key (did you mean http.port?)}, else the section's keys. */
    static String unknownKey(String path) {
        List<String> known = Stream.concat(ConfigKey.TOP_LEVEL.stream(),
                ConfigKey.ALL.stream().map(ConfigKey::path)).toList();
        String hint = Suggest.closest(path, known).map(s -> " (did you mean " + s + "?)").orElseGet(() -> {
            int dot = path.indexOf('.');
            String section = dot < 0 ? "" : path.substring(0, dot);
            return ConfigKey.TOP_LEVEL.contains(section) ? " (" + section + " has " + keyNames(section) + ")"
                    : " (the top-level keys are " + String.join(", ", ConfigKey.TOP_LEVEL) + ")";
        });
        return path + ": unknown key" + hint;
    }

    private static String keyNames(String section) {
        return String.join(", ", ConfigKey.inSection(section).stream()
                .map(k -> k.path().substring(section.length() + 1)).toList());
    }

    /** Where and what, never the offending text: snakeyaml's own message quotes the line, which may hold a token. */
    private static String syntaxError(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
                String at = mark == null ? "" : "at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
                return at + ": " + context + marked.getProblem();
            }
        }
        String at = e.getLocation() == null ? "" : "at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return at + ": " + e.getOriginalMessage().lines().findFirst().orElse("syntax error");
    }
}
