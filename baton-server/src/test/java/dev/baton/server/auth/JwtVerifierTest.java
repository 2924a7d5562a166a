package dev.baton.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.baton.api.Role;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWT checks with locally generated keys: HS256, a static RS256 key, and a loopback JWKS server. */
class JwtVerifierTest {
    static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    static final String ISSUER = "https://idp.test";
    static final String AUDIENCE = "baton";

    @TempDir
    Path dir;

    static JwtSettings hmac(Map<String, Role> roleMap) {
        return new JwtSettings(null, null, SECRET, ISSUER, AUDIENCE, 60_000, "groups", "org", roleMap, 300_000);
    }

    static JWTClaimsSet.Builder claims(long expiresInMs) {
        return new JWTClaimsSet.Builder().subject("alice").issuer(ISSUER).audience(List.of("other", AUDIENCE))
                .expirationTime(new Date(System.currentTimeMillis() + expiresInMs));
    }

    static String hs256(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    static String rs256(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void verify_hs256_mapsGroupsToTheMostPrivilegedRoleAndTheTenantClaim() throws Exception {
        JwtVerifier verifier = new JwtVerifier(hmac(Map.of("readers", Role.VIEWER, "ci", Role.SUBMITTER)));
        String token = hs256(claims(60_000).claim("groups", List.of("readers", "ci", "unknown"))
                .claim("org", "acme").build(), SECRET);

        assertThat(JwtVerifier.looksLikeJwt(token)).isTrue();
        assertThat(verifier.verify(token)).isEqualTo(new JwtVerifier.Identity("alice", Role.SUBMITTER, "acme"));
    }

    @Test
    void verify_withoutRoleMap_readsRoleNames_noneIsRejected() throws Exception {
        JwtVerifier verifier = new JwtVerifier(hmac(Map.of()));

        assertThat(verifier.verify(hs256(claims(60_000).claim("groups", "operator").build(), SECRET)).role())
                .isEqualTo(Role.OPERATOR);
        assertThatThrownBy(() -> verifier.verify(hs256(claims(60_000).claim("groups", "boss").build(), SECRET)))
                .isInstanceOf(JwtVerifier.Rejected.class).hasMessageContaining("names no Baton role");
    }

    @Test
    void verify_expiryBeyondSkewRejected_withinSkewAccepted() throws Exception {
        JwtVerifier verifier = new JwtVerifier(hmac(Map.of()));

        assertThatThrownBy(() -> verifier.verify(hs256(claims(-120_000).claim("groups", "viewer").build(), SECRET)))
                .isInstanceOf(JwtVerifier.Rejected.class).hasMessageContaining("xpired");
        assertThat(verifier.verify(hs256(claims(-20_000).claim("groups", "viewer").build(), SECRET)).role())
                .isEqualTo(Role.VIEWER);
    }

    @Test
    void verify_wrongIssuerAudienceKeyOrUnsigned_areRejected() throws Exception {
        JwtVerifier verifier = new JwtVerifier(hmac(Map.of()));
        JWTClaimsSet good = claims(60_000).claim("groups", "admin").build();

        assertThatThrownBy(() -> verifier.verify(hs256(new JWTClaimsSet.Builder(good).issuer("https://evil").build(),
                SECRET))).isInstanceOf(JwtVerifier.Rejected.class);
        assertThatThrownBy(() -> verifier.verify(hs256(new JWTClaimsSet.Builder(good).audience("other").build(),
                SECRET))).isInstanceOf(JwtVerifier.Rejected.class);
        assertThatThrownBy(() -> verifier.verify(hs256(good, SECRET.replace('0', 'x'))))
                .isInstanceOf(JwtVerifier.Rejected.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> verifier.verify(new PlainJWT(good).serialize()))
                .isInstanceOf(JwtVerifier.Rejected.class);
        assertThatThrownBy(() -> verifier.verify(hs256(new JWTClaimsSet.Builder(good).expirationTime(null).build(),
                SECRET))).isInstanceOf(JwtVerifier.Rejected.class);
    }

    @Test
    void verify_staticRs256PublicKey_acceptsItsTokensOnly() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path pem = Files.writeString(dir.resolve("jwt.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(key.toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        JwtVerifier verifier = new JwtVerifier(new JwtSettings(null, pem, null, ISSUER, AUDIENCE, 0, "role", null,
                Map.of(), 300_000));

        assertThat(verifier.verify(rs256(claims(60_000).claim("role", "agent").build(), key)).role())
                .isEqualTo(Role.AGENT);
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertThatThrownBy(() -> verifier.verify(rs256(claims(60_000).claim("role", "agent").build(), other)))
                .isInstanceOf(JwtVerifier.Rejected.class);
        assertThatThrownBy(() -> verifier.verify(hs256(claims(60_000).claim("role", "agent").build(),
                SECRET))).isInstanceOf(JwtVerifier.Rejected.class);
    }

    @Test
    void verify_jwksUrl_cachesKeysAndFetchesAgainForANewKeyId() throws Exception {
        RSAKey first = new RSAKeyGenerator(2048).keyID("first").generate();
        RSAKey second = new RSAKeyGenerator(2048).keyID("second").generate();
        AtomicReference<JWKSet> served = new AtomicReference<>(new JWKSet(first.toPublicJWK()));
        AtomicInteger fetches = new AtomicInteger();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
            JwtVerifier verifier = new JwtVerifier(new JwtSettings(url, null, null, ISSUER, AUDIENCE, 60_000, "role",
                    null, Map.of(), 1_000));
            for (int i = 0; i < 5; i++) {
                assertThat(verifier.verify(rs256(claims(60_000).claim("role", "viewer").build(), first)).subject())
                        .isEqualTo("alice");
            }
            assertThat(fetches.get()).isEqualTo(1);

            served.set(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())));
            Thread.sleep(1_100);
            assertThat(verifier.verify(rs256(claims(60_000).claim("role", "admin").build(), second)).role())
                    .isEqualTo(Role.ADMIN);
            assertThat(fetches.get()).isEqualTo(2);
        } finally {
            jwks.stop(0);
        }
    }
}
