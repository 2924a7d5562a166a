package dev.baton.cli;

import dev.baton.server.crypto.EntryCipher;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --encryption-key-file}: the key file a node seals its snapshots with, for commands that open snapshot
 * files outside a node ({@code backup}, {@code restore}). Defaults to {@code BATON_ENCRYPTION_KEY_FILE}, the
 * variable {@code baton server} reads.
 */
final class KeyFileOption {
    @Option(names = "--encryption-key-file", paramLabel = "FILE", defaultValue = "${env:BATON_ENCRYPTION_KEY_FILE}",
            description = "The node's encryption key file (encryption.keyFile), to open a snapshot sealed with "
                    + "encryption at rest (default: env BATON_ENCRYPTION_KEY_FILE). Not needed for plain snapshots.")
    Path keyFile;

    /** The cipher of the key file, or one that opens plain snapshots only and says how to pass the key file. */
    EntryCipher cipher() throws IOException {
        return keyFile == null
                ? EntryCipher.plain("pass --encryption-key-file FILE (or set BATON_ENCRYPTION_KEY_FILE) naming the "
                        + "node's key file")
                : EntryCipher.load(keyFile, "--encryption-key-file");
    }
}
