package dev.baton.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.baton.core.command.Command;
import java.util.List;

/**
 * Jazzer targets for {@link CommandCodec}. In the normal test run they replay the committed inputs under
 * {@code src/test/resources/dev/baton/core/codec/CommandCodecFuzzTestInputs/<method>/} (regression mode); with
 * {@code JAZZER_FUZZ=1} and {@code -Dtest=CommandCodecFuzzTest#<method>} they fuzz for {@code maxDuration} and add
 * any crashing input there. Contract under test: any bytes either decode, or fail with
 * {@link IllegalArgumentException}; what decodes encodes to bytes that decode to the same batch.
 */
class CommandCodecFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void decode_anyBytes_decodesOrRejects(byte[] entry) {
        List<Command> batch;
        try {
            batch = CommandCodec.decode(entry);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        assertThat(CommandCodec.decode(CommandCodec.encode(batch))).isEqualTo(batch);
    }

    /** Skips the header, so the fuzzer spends its time on the JSON of a version 1 batch. */
    @FuzzTest(maxDuration = "3m")
    void decode_anyJsonBody_decodesOrRejects(byte[] json) {
        decode_anyBytes_decodesOrRejects(entry(CommandCodec.VERSION_1, json));
    }

    /** The same for the Smile body of a version 2 batch (the format this build writes). */
    @FuzzTest(maxDuration = "3m")
    void decode_anySmileBody_decodesOrRejects(byte[] smile) {
        decode_anyBytes_decodesOrRejects(entry(CommandCodec.VERSION_2, smile));
    }

    private static byte[] entry(byte version, byte[] body) {
        byte[] entry = new byte[body.length + 2];
        entry[0] = CommandCodec.MAGIC;
        entry[1] = version;
        System.arraycopy(body, 0, entry, 2, body.length);
        return entry;
    }
}
