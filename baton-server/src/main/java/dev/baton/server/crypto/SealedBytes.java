package dev.baton.server.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The sealed format of a Raft log entry or snapshot file at rest: AES-256-GCM over the bytes the codecs produce.
 *
 * <p>Layout (version 1):
 * <pre>
 * offset  size  field
 * 0       1     magic 'E' (0x45); plain command entries and snapshots start with 'B'
 * 1       1     format version, 1
 * 2       1     n, the key id's length in bytes (1..64)
 * 3       n     key id, UTF-8 (as named in the key file)
 * 3+n     12    GCM nonce, random, chosen when sealing
 * 15+n    rest  ciphertext followed by the 16-byte GCM tag
 * </pre>
 * Bytes {@code 0 .. 3+n} (magic, version, key id) are the GCM additional authenticated data, so a changed key id or
 * version fails the tag like a changed ciphertext does. The nonce is chosen by whoever seals (the leader, for log
 * entries; each node, for its own snapshots) and travels in the bytes, so opening is a pure function of the key
 * and the bytes: every node opens an entry to the same plaintext. With random 96-bit nonces one key should seal at
 * most 2^32 entries (NIST SP 800-38D); rotate long before that (years at a thousand entries a second).
 *
 * <p>Stateless and thread-safe.
 */
public final class SealedBytes {
    public static final byte MAGIC = 'E';
    public static final byte VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private SealedBytes() {}

    /** True when {@code bytes} start like sealed data (they may still fail to open). */
    public static boolean isSealed(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == MAGIC;
    }

    /** The key id in a sealed header, or empty for plain bytes; throws when the header itself is cut or unknown. */
    public static Optional<String> keyId(byte[] bytes) {
        return isSealed(bytes) ? Optional.of(header(bytes).keyId()) : Optional.empty();
    }

    /** The key id in the header of a file (a snapshot), or empty when the file is plain; reads only the header. */
    public static Optional<String> keyId(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return keyId(in.readNBytes(3 + KeyRing.MAX_ID_BYTES + NONCE_BYTES + TAG_BITS / 8));
        }
    }

    /** Seals {@code plain} with {@code keyId}'s key and a fresh nonce from {@code random}. */
    static byte[] seal(String keyId, SecretKey key, byte[] plain, SecureRandom random) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        int aadBytes = 3 + id.length;
        ByteBuffer out = ByteBuffer.allocate(aadBytes + NONCE_BYTES + plain.length + TAG_BITS / 8);
        out.put(MAGIC).put(VERSION).put((byte) id.length).put(id).put(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(out.array(), 0, aadBytes);
            cipher.doFinal(plain, 0, plain.length, out.array(), aadBytes + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run AES-256-GCM: " + e.getMessage(), e);
        }
        return out.array();
    }

    /**
     * Opens sealed {@code bytes} with {@code key}, the key its header names.
     *
     * @throws SealedDataException when the tag does not verify (another key by that id, or altered bytes)
     */
    static byte[] open(byte[] bytes, SecretKey key, String keysFrom) {
        Header header = header(bytes);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, header.aadBytes(),
                    NONCE_BYTES));
            cipher.updateAAD(bytes, 0, header.aadBytes());
            int body = header.aadBytes() + NONCE_BYTES;
            return cipher.doFinal(bytes, body, bytes.length - body);
        } catch (AEADBadTagException e) {
            throw new SealedDataException("data sealed with key '" + header.keyId() + "' does not verify with the "
                    + "key of that id in " + keysFrom + ": the key differs from the one that sealed it, or the data "
                    + "was altered; nothing was applied");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run AES-256-GCM: " + e.getMessage(), e);
        }
    }

    /** Magic, version and key id of a sealed header; the AAD ends after the key id. */
    record Header(String keyId, int aadBytes) {}

    static Header header(byte[] bytes) {
        if (bytes.length < 3 || bytes[0] != MAGIC) {
            throw new SealedDataException("not sealed data: it does not start with 'E'");
        }
        if (bytes[1] != VERSION) {
            throw new SealedDataException("sealed data of format version " + bytes[1] + "; this build reads "
                    + "version " + VERSION + " (a newer Baton wrote it?)");
        }
        int idBytes = bytes[2] & 0xff;
        int aadBytes = 3 + idBytes;
        if (idBytes == 0 || idBytes > KeyRing.MAX_ID_BYTES || bytes.length < aadBytes + NONCE_BYTES + TAG_BITS / 8) {
            throw new SealedDataException("sealed data is cut short or its header is damaged (" + bytes.length
                    + " bytes, key id of " + idBytes + " bytes)");
        }
        return new Header(new String(bytes, 3, idBytes, StandardCharsets.UTF_8), aadBytes);
    }
}
