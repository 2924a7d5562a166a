package dev.baton.core.codec;

import dev.baton.core.state.StateSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Encodes state snapshots: {@code "BATONSNP"}, a 4-byte format version, an 8-byte CRC32C of the payload, then the
 * JSON payload. A checksum mismatch is an error, never a silently empty state.
 */
public final class SnapshotCodec {
    private static final byte[] MAGIC = "BATONSNP".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + 4 + 8;

    private SnapshotCodec() {}

    public static byte[] encode(StateSnapshot snapshot) {
        byte[] payload = json(snapshot);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return ByteBuffer.allocate(HEADER_BYTES + payload.length)
                .put(MAGIC).putInt(snapshot.formatVersion()).putLong(crc.getValue()).put(payload).array();
    }

    /** Decodes a snapshot; throws {@link IllegalArgumentException} when it is truncated, corrupt or too new. */
    public static StateSnapshot decode(byte[] bytes) {
        if (bytes.length < HEADER_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a Baton snapshot");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, MAGIC.length, 12);
        int version = buffer.getInt();
        long expectedCrc = buffer.getLong();
        if (version != StateSnapshot.FORMAT_VERSION) {
            throw new IllegalArgumentException("snapshot format " + version + " is not readable by this build (reads "
                    + StateSnapshot.FORMAT_VERSION + ")");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        if (crc.getValue() != expectedCrc) {
            throw new IllegalArgumentException("snapshot checksum mismatch: the file is corrupt");
        }
        StateSnapshot snapshot;
        try {
            snapshot = Codecs.MAPPER.readValue(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, StateSnapshot.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt snapshot payload: " + e.getMessage(), e);
        }
        if (snapshot == null || snapshot.formatVersion() != version) {
            throw new IllegalArgumentException("corrupt snapshot: the payload's format version does not match the "
                    + "header's (" + version + ")");
        }
        return snapshot;
    }

    /** SHA-256 of the canonical JSON of the state: equal on every node that applied the same log. */
    public static String digest(StateSnapshot snapshot) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json(snapshot)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] json(StateSnapshot snapshot) {
        try {
            return Codecs.MAPPER.writeValueAsBytes(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode snapshot", e);
        }
    }
}
