package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/configuration.md} in step with {@link ConfigKey}: every key, its names, range and default. */
class ConfigDocsTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z]+(?:\\.[A-Za-z]+)?)` \\|.*");

    private static List<String> lines() throws IOException {
        return Files.readAllLines(DOC);
    }

    private static Optional<String> row(List<String> lines, ConfigKey key) {
        return lines.stream().filter(l -> l.startsWith("| `" + key.path() + "` |")).findFirst();
    }

    @Test
    void configurationMd_everyKey_hasARowWithItsNamesAndAcceptedValues() throws IOException {
        List<String> lines = lines();
        for (ConfigKey key : ConfigKey.ALL) {
            String row = row(lines, key).orElseThrow(() -> new AssertionError("no row for " + key.path()));
            key.envNames().forEach(env -> assertThat(row).as(key.path()).contains("`" + env + "`"));
            if (key.flag() != null) {
                assertThat(row).as(key.path()).contains("`" + key.flag() + "`");
            }
            switch (key.kind()) {
                case ValueKind.Whole whole -> assertThat(row).as(key.path()).contains("`" + whole.accepted());
                case ValueKind.Choice choice -> choice.choices()
                        .forEach(c -> assertThat(row).as(key.path()).contains("`" + c + "`"));
                case ValueKind.Bool bool -> assertThat(row).as(key.path()).contains("`true`", "`false`");
                default -> { }
            }
        }
    }

    @Test
    void configurationMd_keyRows_areAllKnownKeys() throws IOException {
        for (String line : lines()) {
            Matcher m = KEY_ROW.matcher(line);
            if (m.matches()) {
                assertThat(ConfigKey.byPath(m.group(1))).as(line).isPresent();
            }
        }
    }

    @Test
    void configurationMd_defaults_matchTheLoader() throws IOException {
        JsonNode defaults = new YAMLMapper().readTree(ConfigLoader.load(ConfigOverrides.NONE, Map.of()).toYaml());
        List<String> lines = lines();
        for (ConfigKey key : ConfigKey.ALL) {
            JsonNode value = defaults.at("/" + key.path().replace('.', '/'));
            if (value.isValueNode() && key != ConfigKey.AUTH_ADMIN_TOKEN_FILE) {
                assertThat(row(lines, key).orElseThrow()).as(key.path()).contains("`" + value.asText() + "`");
            }
        }
    }
}
