package dev.baton.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.baton.api.Role;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks JWT bearer tokens: signature (against the configured key source, algorithms pinned to what that source
 * can verify, so {@code alg: none} and HS256-with-a-public-key tricks fail), {@code iss}, {@code aud},
 * {@code exp} (required) and {@code nbf} with the clock skew, then maps the role and tenant claims. Thread-safe:
 * the processor is immutable and the JWKS cache is Nimbus' own thread-safe one.
 */
public final class JwtVerifier {
    private final JwtSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** What a verified token says about its bearer. */
    public record Identity(String subject, Role role, String tenant) {}

    /** Refused: the message says why, for a 401 problem. */
    public static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    /** @throws IllegalArgumentException when the key file or URL cannot be used */
    public JwtVerifier(JwtSettings settings) {
        this.settings = settings;
        JWKSource<SecurityContext> keys;
        Set<JWSAlgorithm> algorithms;
        if (settings.hmacSecret() != null) {
            keys = new ImmutableSecret<>(settings.hmacSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            algorithms = Set.of(JWSAlgorithm.HS256);
        } else if (settings.publicKeyFile() != null) {
            com.nimbusds.jose.jwk.JWK key = publicJwk(settings);
            JWSAlgorithm only = key instanceof RSAKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
            java.security.Key verifying;
            try {
                verifying = key instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) key).toPublicKey();
            } catch (JOSEException e) {
                throw new IllegalArgumentException("jwt.publicKeyFile: " + e.getMessage(), e);
            }
            // One static key: it verifies whatever key id a token names, but only with its own algorithm.
            processor.setJWSKeySelector((header, context) -> header.getAlgorithm().equals(only)
                    ? List.of(verifying) : List.of());
            keys = null;
            algorithms = Set.of(only);
        } else {
            try {
                keys = JWKSourceBuilder.create(settings.jwksUrl().toURL())
                        .cache(settings.jwksRefreshMs(), Math.min(JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT,
                                settings.jwksRefreshMs() / 4))
                        .refreshAheadCache(false)
                        .rateLimited(Math.min(30_000, settings.jwksRefreshMs() / 2)).retrying(true).build();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("jwt.jwksUrl: not a URL", e);
            }
            algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        }
        if (keys != null) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        }
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp"));
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, settings.clockSkewMs() / 1_000));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** True when {@code token} has the shape of a compact JWS ({@code header.payload.signature}). */
    public static boolean looksLikeJwt(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    /** The identity a valid token carries; {@link Rejected} says why a token is not valid. */
    public Identity verify(String token) throws Rejected {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJWTException e) {
            throw new Rejected("the JWT was refused: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new Rejected("the JWT's signature does not verify against the configured keys ("
                    + e.getMessage() + ")");
        } catch (ParseException e) {
            throw new Rejected("the bearer token is not a valid JWT");
        } catch (JOSEException e) {
            throw new Rejected("the JWT cannot be checked now: " + e.getMessage());
        }
        Role role = role(claims).orElseThrow(() -> new Rejected("the JWT's claim '" + settings.roleClaim()
                + "' names no Baton role" + (settings.roleMap().isEmpty() ? " (admin, operator, submitter, agent, "
                + "viewer)" : " in jwt.roleMap")));
        Object tenant = claims.getClaim(settings.tenantClaim());
        if (tenant != null && !(tenant instanceof String)) {
            throw new Rejected("the JWT's claim '" + settings.tenantClaim() + "' must be a string");
        }
        return new Identity(claims.getSubject(), role, (String) tenant);
    }

    /** The most privileged role among the claim's values (admin first), after the role map. */
    private Optional<Role> role(JWTClaimsSet claims) {
        Object value = claims.getClaim(settings.roleClaim());
        List<String> values = new ArrayList<>();
        if (value instanceof String s) {
            values.add(s);
        } else if (value instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
        }
        Set<Role> roles = new HashSet<>();
        for (String v : values) {
            if (!settings.roleMap().isEmpty()) {
                Optional.ofNullable(settings.roleMap().get(v)).ifPresent(roles::add);
            } else {
                try {
                    roles.add(Role.fromWire(v));
                } catch (IllegalArgumentException e) {
                    // not a role name: ignored
                }
            }
        }
        return roles.stream().min(Comparator.naturalOrder());
    }

    private static com.nimbusds.jose.jwk.JWK publicJwk(JwtSettings settings) {
        try {
            String pem = Files.readString(settings.publicKeyFile());
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            for (String algorithm : List.of("RSA", "EC")) {
                try {
                    PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                    return key instanceof RSAPublicKey rsa ? new RSAKey.Builder(rsa).build()
                            : new ECKey.Builder(com.nimbusds.jose.jwk.Curve.forECParameterSpec(
                                    ((ECPublicKey) key).getParams()), (ECPublicKey) key).build();
                } catch (java.security.GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new IllegalArgumentException("jwt.publicKeyFile (" + settings.publicKeyFile() + ") holds no RSA "
                    + "or EC public key (PEM, BEGIN PUBLIC KEY)");
        } catch (IOException | IllegalArgumentException e) {
            throw e instanceof IllegalArgumentException iae && iae.getMessage().startsWith("jwt.") ? iae
                    : new IllegalArgumentException("jwt.publicKeyFile (" + settings.publicKeyFile() + ") cannot "
                    + "be read: " + e.getMessage(), e);
        }
    }
}
