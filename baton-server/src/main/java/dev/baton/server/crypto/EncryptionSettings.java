package dev.baton.server.crypto;

import java.nio.file.Path;

/**
 * Encryption at rest of the Raft log and snapshots.
 *
 * @param keyFile the key file ({@link KeyRing} format); null leaves the log and snapshots plain
 * @param reloadCheckMs how often the key file is checked for changes; a changed file is used without a restart
 */
public record EncryptionSettings(Path keyFile, long reloadCheckMs) {
    public static final long DEFAULT_RELOAD_CHECK_MS = 10_000;
    public static final EncryptionSettings NONE = new EncryptionSettings(null, DEFAULT_RELOAD_CHECK_MS);

    public EncryptionSettings {
        if (reloadCheckMs < 100) {
            throw new IllegalArgumentException("encryption.reloadCheckMs must be at least 100");
        }
    }

    public boolean enabled() {
        return keyFile != null;
    }
}
