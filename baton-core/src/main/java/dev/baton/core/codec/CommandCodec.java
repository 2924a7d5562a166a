package dev.baton.core.codec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.baton.core.command.Command;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Encodes a batch of commands as one log entry: a magic byte, a format version byte, then JSON.
 *
 * <p>Versioning contract: readers accept every version they have ever written. Version 1 is a JSON array of
 * commands tagged by {@code "type"}. Fields may be added (old readers ignore unknown fields, new readers default
 * missing ones); renaming or removing a field or a type needs a new version and an upcaster here.
 */
public final class CommandCodec {
    static final byte MAGIC = 'B';
    static final byte VERSION_1 = 1;
    private static final TypeReference<List<Command>> COMMAND_LIST = new TypeReference<>() {};
    private static final ObjectWriter WRITER = Codecs.MAPPER.writerFor(COMMAND_LIST);
    private static final ObjectReader READER = Codecs.MAPPER.readerFor(COMMAND_LIST);

    private CommandCodec() {}

    public static byte[] encode(List<Command> batch) {
        try {
            ByteArrayOutputStream entry = new ByteArrayOutputStream(256 * batch.size() + 16);
            entry.write(MAGIC);
            entry.write(VERSION_1);
            WRITER.writeValue(entry, batch);
            return entry.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode command batch", e);
        }
    }

    /** Decodes an entry; throws {@link IllegalArgumentException} for bytes no Baton version wrote. */
    public static List<Command> decode(byte[] entry) {
        if (entry.length < 2 || entry[0] != MAGIC) {
            throw new IllegalArgumentException("not a Baton log entry");
        }
        if (entry[1] != VERSION_1) {
            throw new IllegalArgumentException("unknown log entry version " + entry[1]
                    + "; this build reads version " + VERSION_1);
        }
        List<Command> batch;
        try {
            batch = READER.readValue(entry, 2, entry.length - 2);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt log entry: " + e.getMessage(), e);
        }
        if (batch == null || batch.contains(null)) {
            throw new IllegalArgumentException("corrupt log entry: null where a command batch or command belongs");
        }
        return batch;
    }
}
