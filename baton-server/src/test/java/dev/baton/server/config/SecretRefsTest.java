package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${env:NAME}} and {@code ${file:/path}} references, and that what they resolve to is never shown. */
class SecretRefsTest {
    private static final String SECRET = "s3cr3t-value-never-shown";

    @TempDir
    Path dir;

    private ServerConfig loadYaml(String yaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("baton.yaml"), yaml);
        return ConfigLoader.load(ConfigOverrides.builder().configFile(file).build(), env);
    }

    private String problemsOf(String yaml, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loadYaml(yaml, env));
        assertThat(e).as("a ConfigException").isNotNull();
        return String.join("\n", e.problems());
    }

    @Test
    void load_envReference_resolvesAndPrintsRedacted() throws IOException {
        ServerConfig config = loadYaml("auth: {adminToken: '${env:ADMIN_SECRET}'}\n", Map.of("ADMIN_SECRET", SECRET));

        assertThat(config.node().adminToken()).isEqualTo(SECRET);
        assertThat(config.toYaml()).contains("adminToken: <redacted>").doesNotContain(SECRET);
        assertThat(config.node().toString()).doesNotContain(SECRET);
    }

    @Test
    void load_fileReference_readsFileWithoutTrailingNewline() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), SECRET + "\n");

        ServerConfig config = loadYaml("auth: {adminToken: '${file:" + token + "}'}\n", Map.of());

        assertThat(config.node().adminToken()).isEqualTo(SECRET);
    }

    @Test
    void load_referenceInsideValueAndFromEnvironmentVariable_resolves() {
        ServerConfig config = ConfigLoader.load(ConfigOverrides.NONE, Map.of("BATON_AUTH_AGENT_TOKEN",
                "pre-${env:PART}-post", "PART", "middle", "BATON_HTTP_HOST", "$${literal"));

        assertThat(config.node().agentToken()).isEqualTo("pre-middle-post");
        assertThat(config.node().httpHost()).isEqualTo("${literal");
    }

    @Test
    void load_unsetVariableOrMissingFile_namesKeyAndReferenceOnly() {
        String problems = problemsOf("auth: {adminToken: '${env:NOT_SET_ANYWHERE}'}\n"
                + "http: {host: '${file:" + dir.resolve("missing") + "}'}\n", Map.of());

        assertThat(problems).contains("auth.adminToken: ${env:NOT_SET_ANYWHERE} names an environment variable that "
                + "is not set").contains("http.host: ${file:" + dir.resolve("missing") + "} names a file that does "
                + "not exist");
    }

    @Test
    void load_badValueBehindReference_neverQuotesTheResolvedValue() {
        String problems = problemsOf("http: {port: '${env:PORT_SECRET}'}\n", Map.of("PORT_SECRET", SECRET));

        assertThat(problems).isEqualTo("http.port: the value is not a number (accepted: 1-65535)");
    }

    @Test
    void load_relativeFileReference_isRefused() {
        assertThat(problemsOf("auth: {adminToken: '${file:token.txt}'}\n", Map.of()))
                .isEqualTo("auth.adminToken: ${file:token.txt} needs an absolute path");
    }

    @Test
    void load_fileTooLarge_isRefused() throws IOException {
        Path big = Files.write(dir.resolve("big"), new byte[SecretRefs.MAX_FILE_BYTES + 1]);

        assertThat(problemsOf("auth: {adminToken: '${file:" + big + "}'}\n", Map.of()))
                .contains("is larger than " + SecretRefs.MAX_FILE_BYTES + " bytes");
    }
}
