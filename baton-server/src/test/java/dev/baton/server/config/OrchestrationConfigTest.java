package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.server.control.OrchestrationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestrationConfigTest {
    @TempDir
    Path dir;

    private OrchestrationSettings load(String yaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("baton.yaml"), yaml);
        return ConfigLoader.load(ConfigOverrides.builder().configFile(file).build(), env).node().control()
                .orchestration();
    }

    private java.util.List<String> problems(String yaml, Map<String, String> env) throws IOException {
        Path file = Files.writeString(dir.resolve("baton.yaml"), yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(ConfigOverrides.builder().configFile(file).build(), env));
        assertThat(e).as("a ConfigException").isNotNull();
        return e.problems();
    }

    @Test
    void routing_fromFile_setsDefaultAndPerCapabilityPolicies() throws IOException {
        OrchestrationSettings s = load("routing: {defaultPolicy: round_robin, policies: {summarize: least_loaded}}",
                Map.of());

        assertThat(s.routing().defaultPolicy()).isEqualTo("round_robin");
        assertThat(s.routing().byCapability()).containsExactly(Map.entry("summarize", "least_loaded"));
    }

    @Test
    void routing_fromEnvironment_pairsReplaceTheFile() throws IOException {
        OrchestrationSettings s = load("routing: {policies: {summarize: least_loaded}}",
                Map.of("BATON_ROUTING_POLICIES", "translate=round_robin, code.review=least_loaded"));

        assertThat(s.routing().byCapability()).containsOnly(Map.entry("translate", "round_robin"),
                Map.entry("code.review", "least_loaded"));
    }

    @Test
    void routing_unknownPolicy_isNamedWithTheAcceptedOnes() throws IOException {
        assertThat(problems("routing: {defaultPolicy: fastest, policies: {summarize: cheapest}}", Map.of()))
                .anySatisfy(p -> assertThat(p).contains("routing.defaultPolicy", "fastest", "least_loaded"))
                .anySatisfy(p -> assertThat(p).contains("routing.policies.summarize", "cheapest", "round_robin"));
    }
}
