package dev.baton.cli;

import dev.baton.client.BatonClient;
import dev.baton.client.SnapshotBackup;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.server.crypto.SealedBytes;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baton backup}: a fresh snapshot of the node {@code --url} names first, downloaded and checked (SHA-256
 * against the node's, then decoded like {@code baton restore} would), ready for {@code baton restore --from}.
 * Runs on the main thread.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Snapshot the node asked (the first --url that answers) and download the snapshot into "
                + "--out, checked; restore it with `baton restore --from FILE --data-dir DIR` (docs/operations.md). "
                + "A snapshot sealed with encryption at rest is saved sealed; it is decoded to check it only with "
                + "--encryption-key-file (else only its SHA-256 is checked, and a warning says so).")
final class BackupCommand extends ClientCommand {
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory to write snapshot.<term>_<index> into (created if missing).")
    Path out;

    @Option(names = "--latest", description = "Download the node's newest snapshot as it is, without taking a "
            + "fresh one first.")
    boolean latest;

    @Mixin
    KeyFileOption keys;

    @Override
    int run(BatonClient client) {
        long taken = latest ? -1 : client.takeSnapshot();
        SnapshotBackup backup;
        try {
            backup = client.downloadSnapshot(out);
        } catch (UncheckedIOException e) {
            err().println("baton backup: " + e.getMessage());
            return ExitCodes.SERVER_ERROR_OR_TIMEOUT;
        }
        String keyId;
        try {
            byte[] bytes = Files.readAllBytes(backup.file());
            keyId = SealedBytes.keyId(bytes).orElse(null);
            if (keyId != null && keys.keyFile == null) {
                err().println("baton backup: warning: the snapshot is sealed with key '" + keyId + "'; its SHA-256 "
                        + "matches the node's but it was not decoded: pass --encryption-key-file to check it");
            } else {
                SnapshotCodec.decode(keys.cipher().open(bytes));
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            err().println("baton backup: " + backup.file() + " is not a readable snapshot: " + e.getMessage());
            return ExitCodes.SERVER_ERROR_OR_TIMEOUT;
        }
        if (options.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", backup.file().toAbsolutePath().toString());
            json.put("node", backup.nodeUrl());
            json.put("term", backup.term());
            json.put("index", backup.index());
            json.put("bytes", backup.sizeBytes());
            json.put("sha256", backup.sha256());
            json.put("encryptionKeyId", keyId);
            printJson(json);
        } else {
            print(String.format("backup of %s at index %d%s: %s (%,d bytes, sha256 %s%s)%nrestore with: baton "
                            + "restore --from %s --data-dir <empty dir>%s%n", backup.nodeUrl(), backup.index(),
                    taken >= 0 && taken != backup.index() ? " (snapshot asked at " + taken + ")" : "",
                    backup.file(), backup.sizeBytes(), backup.sha256(),
                    keyId == null ? "" : ", sealed with key '" + keyId + "'", backup.file(),
                    keyId == null ? "" : " --encryption-key-file <key file>"));
        }
        return ExitCodes.OK;
    }
}
