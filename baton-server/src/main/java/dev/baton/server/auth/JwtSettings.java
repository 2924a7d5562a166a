package dev.baton.server.auth;

import dev.baton.api.Role;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * How bearer tokens that are JWTs are checked. Exactly one key source: a JWKS URL (RS256/ES256 keys, cached and
 * refreshed), a static public key file (RS256/ES256), or an HS256 shared secret. Immutable.
 *
 * @param issuer the {@code iss} every token must carry
 * @param audience a value the token's {@code aud} must contain
 * @param clockSkewMs tolerance for {@code exp} and {@code nbf} against this node's clock
 * @param roleClaim the claim holding the role (a string or a list of strings)
 * @param tenantClaim the claim holding the tenant the principal is confined to; absent means every tenant
 * @param roleMap claim value to Baton role; empty: the claim values are role names themselves
 * @param jwksRefreshMs how long fetched JWKS keys are used before they are fetched again (an unknown key id
 *     triggers an earlier fetch, at most once per 30 s or half this, whichever is less)
 */
public record JwtSettings(URI jwksUrl, Path publicKeyFile, String hmacSecret, String issuer, String audience,
                          long clockSkewMs, String roleClaim, String tenantClaim, Map<String, Role> roleMap,
                          long jwksRefreshMs) {
    public static final long DEFAULT_CLOCK_SKEW_MS = 60_000;
    public static final long DEFAULT_JWKS_REFRESH_MS = 300_000;
    public static final int MIN_HMAC_SECRET_BYTES = 32;

    public JwtSettings {
        int sources = (jwksUrl == null ? 0 : 1) + (publicKeyFile == null ? 0 : 1) + (hmacSecret == null ? 0 : 1);
        if (sources != 1) {
            throw new IllegalArgumentException("JWT needs exactly one of jwt.jwksUrl, jwt.publicKeyFile and "
                    + "jwt.hmacSecret (" + sources + " set)");
        }
        if (hmacSecret != null && hmacSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                < MIN_HMAC_SECRET_BYTES) {
            throw new IllegalArgumentException("jwt.hmacSecret must be at least " + MIN_HMAC_SECRET_BYTES
                    + " bytes for HS256");
        }
        if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("JWT needs jwt.issuer and jwt.audience: tokens of other issuers "
                    + "or meant for other services must not be accepted");
        }
        roleMap = Map.copyOf(roleMap == null ? Map.of() : roleMap);
        roleClaim = roleClaim == null ? "role" : roleClaim;
        tenantClaim = tenantClaim == null ? "tenant" : tenantClaim;
    }

    /** Without the secret: settings may be logged, a secret never. */
    @Override
    public String toString() {
        return "JwtSettings[jwksUrl=" + jwksUrl + ", publicKeyFile=" + publicKeyFile + ", hmacSecret="
                + (hmacSecret == null ? "unset" : "<redacted>") + ", issuer=" + issuer + ", audience=" + audience
                + ", clockSkewMs=" + clockSkewMs + ", roleClaim=" + roleClaim + ", tenantClaim=" + tenantClaim
                + ", roleMap=" + roleMap + ", jwksRefreshMs=" + jwksRefreshMs + "]";
    }
}
