package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.api.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code tls}, {@code jwt} and {@code policy} sections: resolution, cross-key rules, redaction. */
class SecurityConfigTest {
    private static final String SECRET = "an-hs256-secret-of-at-least-32-bytes!";

    private static String problems(Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(ConfigOverrides.NONE,
                env));
        assertThat(e).as("a ConfigException").isNotNull();
        return String.join("\n", e.problems());
    }

    @Test
    void jwt_fromEnvironmentWithSecretReference_resolvesAndPrintsRedacted() {
        ServerConfig config = ConfigLoader.load(ConfigOverrides.NONE, Map.of("BATON_JWT_HMAC_SECRET",
                "${env:IDP_SECRET}", "IDP_SECRET", SECRET, "BATON_JWT_ISSUER", "https://idp", "BATON_JWT_AUDIENCE",
                "baton", "BATON_JWT_ROLE_MAP", "ops=operator,ci=submitter", "BATON_JWT_ROLE_CLAIM", "groups"));

        var jwt = config.node().jwt();
        assertThat(jwt.hmacSecret()).isEqualTo(SECRET);
        assertThat(jwt.roleMap()).containsExactlyInAnyOrderEntriesOf(Map.of("ops", Role.OPERATOR, "ci",
                Role.SUBMITTER));
        assertThat(jwt.roleClaim()).isEqualTo("groups");
        assertThat(config.toYaml()).contains("hmacSecret: <redacted>", "roleMap: \"ci=submitter,ops=operator\"")
                .doesNotContain(SECRET);
        assertThat(config.node().toString()).doesNotContain(SECRET);
    }

    @Test
    void jwt_withoutIssuerOrWithTwoKeySources_isRefused() {
        assertThat(problems(Map.of("BATON_JWT_HMAC_SECRET", SECRET))).contains("jwt.issuer and jwt.audience");
        assertThat(problems(Map.of("BATON_JWT_HMAC_SECRET", SECRET, "BATON_JWT_JWKS_URL", "https://idp/jwks",
                "BATON_JWT_ISSUER", "i", "BATON_JWT_AUDIENCE", "a"))).contains("exactly one of");
        assertThat(problems(Map.of("BATON_JWT_HMAC_SECRET", SECRET, "BATON_JWT_ISSUER", "i", "BATON_JWT_AUDIENCE",
                "a", "BATON_JWT_ROLE_MAP", "x=boss"))).contains("'boss' is not a role").doesNotContain(SECRET);
        assertThat(problems(Map.of("BATON_JWT_HMAC_SECRET", "short", "BATON_JWT_ISSUER", "i", "BATON_JWT_AUDIENCE",
                "a"))).contains("at least 32 bytes").doesNotContain("short");
    }

    @Test
    void policy_urlAndDefaults_otherKeysNeedTheUrl() {
        var policy = ConfigLoader.load(ConfigOverrides.NONE, Map.of("BATON_POLICY_URL", "http://127.0.0.1:8181"))
                .node().policy();
        assertThat(policy.timeoutMs()).isEqualTo(500);
        assertThat(policy.failOpen()).isFalse();
        assertThat(policy.cacheMs()).isEqualTo(5_000);

        assertThat(problems(Map.of("BATON_POLICY_FAIL_OPEN", "true"))).contains("policy.url is not set");
    }

    @Test
    void tls_keyWithoutCertificate_isRefused() {
        assertThat(problems(Map.of("BATON_TLS_KEY_FILE", "/k.pem")))
                .contains("tls.certFile and tls.keyFile go together");
    }
}
