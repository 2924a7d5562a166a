package dev.baton.server.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a development certificate authority and node certificates with the JDK alone (EC P-256, SHA-256 with
 * ECDSA), for {@code baton certs dev} and for tests. Node certificates are valid for TLS servers and clients both
 * (so one file serves HTTPS, the forwarder and Raft mutual TLS) and name {@code localhost}, {@code 127.0.0.1},
 * {@code ::1}, the node id, {@code 127.0.0.<n>} for the n-th node, and any extra names given. Not for production:
 * the CA key is written next to the certificates. Stateless.
 */
public final class DevCertificates {
    static final Duration CA_VALIDITY = Duration.ofDays(3_650);
    static final Duration NODE_VALIDITY = Duration.ofDays(825);
    private static final String SHA256_WITH_ECDSA = "1.2.840.10045.4.3.2";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key pair and its certificate (DER). */
    public record Issued(KeyPair keys, byte[] certificateDer, String commonName) {
        public String certificatePem() {
            return Pem.encode("CERTIFICATE", certificateDer);
        }

        public String privateKeyPem() {
            return Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded());
        }
    }

    private DevCertificates() {}

    /** A new self-signed CA. */
    public static Issued authority(String commonName) throws GeneralSecurityException {
        KeyPair keys = newKeys();
        byte[] name = name(commonName);
        byte[] extensions = Der.sequence(
                extension("2.5.29.19", true, Der.sequence(Der.bool(true))),
                extension("2.5.29.15", true, Der.bits(1, new byte[] {0x06})));
        return new Issued(keys, sign(name, name, keys, keys.getPrivate(), CA_VALIDITY, extensions), commonName);
    }

    /** A node certificate signed by {@code ca}, naming the loopback addresses, the node id and {@code extraNames}. */
    public static Issued node(Issued ca, String nodeId, int ordinal, List<String> extraNames)
            throws GeneralSecurityException {
        KeyPair keys = newKeys();
        Set<String> names = new LinkedHashSet<>(List.of("localhost", nodeId, "127.0.0.1", "::1"));
        if (ordinal >= 1 && ordinal <= 254) {
            names.add("127.0.0." + ordinal);
        }
        names.addAll(extraNames);
        List<byte[]> general = new ArrayList<>();
        for (String n : names) {
            general.add(generalName(n));
        }
        byte[] extensions = Der.sequence(
                extension("2.5.29.19", true, Der.sequence()),
                extension("2.5.29.15", true, Der.bits(7, new byte[] {(byte) 0x80})),
                extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"), Der.oid("1.3.6.1.5.5.7.3.2"))),
                extension("2.5.29.17", false, Der.sequence(general.toArray(byte[][]::new))));
        return new Issued(keys, sign(name(ca.commonName()), name(nodeId), keys, ca.keys().getPrivate(),
                NODE_VALIDITY, extensions), nodeId);
    }

    /**
     * Writes {@code ca.pem}, {@code ca-key.pem} and, per node, {@code <id>.pem} and {@code <id>-key.pem} into
     * {@code dir} (keys readable by the owner only where the file system allows). Returns the files written.
     */
    public static List<Path> writeDevSet(Path dir, List<String> nodeIds, List<String> extraNames)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Issued ca = authority("Baton development CA");
        List<Path> written = new ArrayList<>();
        written.add(write(dir.resolve("ca.pem"), ca.certificatePem(), false));
        written.add(write(dir.resolve("ca-key.pem"), ca.privateKeyPem(), true));
        for (int i = 0; i < nodeIds.size(); i++) {
            Issued node = node(ca, nodeIds.get(i), i + 1, extraNames);
            written.add(write(dir.resolve(nodeIds.get(i) + ".pem"), node.certificatePem(), false));
            written.add(write(dir.resolve(nodeIds.get(i) + "-key.pem"), node.privateKeyPem(), true));
        }
        return written;
    }

    private static Path write(Path file, String pem, boolean secret) throws IOException {
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        if (secret) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the directory's default permissions
            }
        }
        return file;
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static byte[] sign(byte[] issuer, byte[] subject, KeyPair subjectKeys, PrivateKey issuerKey,
                               Duration validity, byte[] extensions) throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_ECDSA));
        ZonedDateTime now = ZonedDateTime.now();
        byte[] serial = new byte[16];
        RANDOM.nextBytes(serial);
        byte[] tbs = Der.sequence(
                Der.tagged(0, true, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(1, serial)),
                algorithm,
                issuer,
                Der.sequence(Der.time(now.minusHours(1)), Der.time(now.plus(validity))),
                subject,
                subjectKeys.getPublic().getEncoded(),
                Der.tagged(3, true, extensions));
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(issuerKey);
        signature.update(tbs);
        return Der.sequence(tbs, algorithm, Der.bits(0, signature.sign()));
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octets(value))
                : Der.sequence(Der.oid(oid), Der.octets(value));
    }

    /** An iPAddress for a literal address, else a dNSName. */
    private static byte[] generalName(String name) {
        if (name.matches("[0-9.]+") || name.contains(":")) {
            try {
                return Der.tagged(7, false, InetAddress.getByName(name).getAddress());
            } catch (IOException e) {
                throw new IllegalArgumentException("not an IP address: " + name, e);
            }
        }
        return Der.tagged(2, false, name.getBytes(StandardCharsets.US_ASCII));
    }
}
