package dev.baton.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration of {@code baton server} from, lowest precedence first: built-in defaults, one YAML file
 * ({@code --config}, else {@code BATON_CONFIG}; none by default), {@code BATON_*} environment variables, and the
 * command-line flags. A higher source replaces a key's value as a whole ({@code peers} included). Every value is
 * checked, including overridden ones, and every problem is reported at once in a {@link ConfigException} whose
 * messages name the key (and the variable or flag) and never a token. {@code docs/configuration.md} lists the keys.
 * Stateless; the environment is passed in so tests need no real one.
 */
public final class ConfigLoader {
    /** The environment variable naming the config file. */
    public static final String CONFIG_ENV = "BATON_CONFIG";

    private ConfigLoader() {}

    /**
     * The effective configuration.
     *
     * @param flags what the command line set
     * @param env the environment, usually {@link System#getenv()}; variables that are not settings are ignored
     * @throws ConfigException listing every problem found
     */
    public static ServerConfig load(ConfigOverrides flags, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Values values = new Values(problems, new SecretRefs(env));
        values.add(configFile(flags, env, problems));
        values.add(EnvSource.read(env, problems, warnings));
        values.add(flags.settings());
        ServerConfig config = new ConfigResolver(values, problems).resolve(warnings).orElse(null);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static List<Setting> configFile(ConfigOverrides flags, Map<String, String> env, List<String> problems) {
        if (flags.configFile() != null) {
            return YamlSource.read(flags.configFile(), "--config " + flags.configFile(), problems);
        }
        String fromEnv = env.get(CONFIG_ENV);
        if (fromEnv == null || fromEnv.isBlank()) {
            return List.of();
        }
        String where = CONFIG_ENV + "=" + fromEnv.strip();
        try {
            return YamlSource.read(Path.of(fromEnv.strip()), where, problems);
        } catch (InvalidPathException e) {
            problems.add(where + ": not a valid path");
            return List.of();
        }
    }
}
