package dev.baton.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.StateSnapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Jazzer targets for {@link SnapshotCodec} (committed inputs under
 * {@code src/test/resources/dev/baton/core/codec/SnapshotCodecFuzzTestInputs/<method>/}). Contract: any bytes
 * either decode into a snapshot that a state can be rebuilt from, or fail with {@link IllegalArgumentException};
 * a decoded snapshot survives an encode and decode unchanged.
 */
class SnapshotCodecFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void decode_anyBytes_decodesOrRejects(byte[] bytes) {
        StateSnapshot snapshot;
        BatonState state;
        try {
            snapshot = SnapshotCodec.decode(bytes);
            state = BatonState.fromSnapshot(snapshot);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        assertThat(SnapshotCodec.decode(SnapshotCodec.encode(snapshot))).isEqualTo(snapshot);
        assertThat(SnapshotCodec.digest(state.toSnapshot())).isEqualTo(SnapshotCodec.digest(
                BatonState.fromSnapshot(state.toSnapshot()).toSnapshot()));
    }

    /** Wraps the fuzzer's bytes in a valid header and checksum, so they reach the JSON payload decoder. */
    @FuzzTest(maxDuration = "3m")
    void decode_anyPayloadWithValidChecksum_decodesOrRejects(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        byte[] bytes = ByteBuffer.allocate(20 + payload.length).put("BATONSNP".getBytes(StandardCharsets.US_ASCII))
                .putInt(StateSnapshot.FORMAT_VERSION).putLong(crc.getValue()).put(payload).array();
        decode_anyBytes_decodesOrRejects(bytes);
    }
}
