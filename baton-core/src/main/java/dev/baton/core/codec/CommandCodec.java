package dev.baton.core.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.baton.core.command.Command;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Encodes a batch of commands as one log entry: a magic byte, a format version byte, then the batch.
 *
 * <p>Versioning contract: readers accept every version they have ever written. Version 1 is a JSON array of
 * commands tagged by {@code "type"}. Version 2, which this build writes, is the same array in Smile (binary JSON,
 * {@link Codecs#SMILE}) with null fields left out: about a quarter of the bytes, and cheaper to parse on every
 * node. Fields may be added (old readers ignore unknown fields, new readers default missing ones); renaming or
 * removing a field or a type needs a new version and an upcaster here.
 */
public final class CommandCodec {
    static final byte MAGIC = 'B';
    static final byte VERSION_1 = 1;
    static final byte VERSION_2 = 2;
    private static final TypeReference<List<Command>> COMMAND_LIST = new TypeReference<>() {};
    private static final ObjectWriter WRITER = Codecs.SMILE.writerFor(COMMAND_LIST);
    private static final ObjectReader JSON_READER = Codecs.MAPPER.readerFor(COMMAND_LIST);
    private static final ObjectReader SMILE_READER = Codecs.SMILE.readerFor(COMMAND_LIST);

    private CommandCodec() {}

    public static byte[] encode(List<Command> batch) {
        return write(VERSION_2, WRITER, batch);
    }

    /** Decodes an entry of any version; throws {@link IllegalArgumentException} for bytes no Baton version wrote. */
    public static List<Command> decode(byte[] entry) {
        if (entry.length < 2 || entry[0] != MAGIC) {
            throw new IllegalArgumentException("not a Baton log entry");
        }
        ObjectReader reader = switch (entry[1]) {
            case VERSION_1 -> JSON_READER;
            case VERSION_2 -> SMILE_READER;
            default -> throw new IllegalArgumentException("unknown log entry version " + entry[1]
                    + "; this build reads versions " + VERSION_1 + " and " + VERSION_2);
        };
        List<Command> batch;
        try {
            if (entry[1] == VERSION_2) {
                requireOneCompleteValue(entry);
            }
            batch = reader.readValue(entry, 2, entry.length - 2);
        } catch (IOException | RuntimeException e) { // Smile's parser may also fail with unchecked exceptions
            throw new IllegalArgumentException("corrupt log entry: " + e.getMessage(), e);
        }
        if (batch == null || batch.contains(null)) {
            throw new IllegalArgumentException("corrupt log entry: null where a command batch or command belongs");
        }
        return batch;
    }

    /**
     * Fails unless the Smile body is exactly one complete value. Smile's end-of-content marker (byte 0xFF) makes the
     * parser report the end of input in the middle of an object without an error, and Jackson's data binding then
     * loops forever on the truncated object (found by {@code CommandCodecFuzzTest}); one token pass first, counting
     * depth, turns such bytes into a rejection. It reads tokens only, much cheaper than binding them.
     */
    private static void requireOneCompleteValue(byte[] entry) throws IOException {
        try (JsonParser parser = Codecs.SMILE.createParser(entry, 2, entry.length - 2)) {
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                if (depth == 0) {
                    return;
                }
            }
            throw new IllegalArgumentException("the batch ends " + depth + " level(s) deep");
        }
    }

    /** Encodes in format version 1 (JSON), as builds before version 2 wrote; for compatibility tests. */
    static byte[] encodeVersion1(List<Command> batch) {
        return write(VERSION_1, Codecs.MAPPER.writerFor(COMMAND_LIST), batch);
    }

    private static byte[] write(byte version, ObjectWriter writer, List<Command> batch) {
        try {
            ByteArrayOutputStream entry = new ByteArrayOutputStream(128 * batch.size() + 16);
            entry.write(MAGIC);
            entry.write(version);
            writer.writeValue(entry, batch);
            return entry.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode command batch", e);
        }
    }
}
