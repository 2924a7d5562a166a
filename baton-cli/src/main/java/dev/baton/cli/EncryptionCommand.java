package dev.baton.cli;

import dev.baton.api.EncryptionView;
import dev.baton.client.BatonClient;
import dev.baton.server.crypto.KeyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton encryption}: groups {@code new-key}, {@code activate} and {@code status}. Runs on the main thread. */
@Command(name = "encryption", mixinStandardHelpOptions = true,
        description = "Manage the key file of encryption at rest (encryption.keyFile; docs/security.md).",
        subcommands = {EncryptionCommand.NewKey.class, EncryptionCommand.Activate.class,
                EncryptionCommand.Status.class})
final class EncryptionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use new-key, activate or status");
    }

    /**
     * {@code baton encryption new-key}: a fresh random AES-256 key, in a new {@code 0600} key file or appended to an
     * existing one. Prints the key id only; the key itself is written to the file and nowhere else.
     */
    @Command(name = "new-key", mixinStandardHelpOptions = true,
            description = {"Add a random AES-256 key to an encryption key file, creating the file (mode 0600, the key "
                    + "active) if it does not exist. Prints the key id only, never the key.",
                    "Every node needs the same keys: edit one file and copy it to every node. Rotation: add the new "
                            + "key (without --activate), copy the file to every node, then `baton encryption activate` "
                            + "and copy it again (docs/operations.md#encryption-keys)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Key added.", "2:Usage error: the file does not parse, or the id is taken."})
    static final class NewKey implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--key-file", required = true, paramLabel = "FILE",
                description = "The key file to create or extend (the node's encryption.keyFile).")
        Path keyFile;

        @Option(names = "--id", paramLabel = "ID",
                description = "The new key's id (default: k1, k2, ... the first the file does not hold).")
        String id;

        @Option(names = "--activate", description = "Make the new key the one that seals new data. A new file's "
                + "first key is always active.")
        boolean activate;

        @Override
        public Integer call() throws IOException {
            KeyFiles.Added added;
            try {
                added = KeyFiles.addKey(keyFile, id, activate);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println((added.created() ? "created " + keyFile + " with key " : "added key ") + added.keyId()
                    + (added.created() ? "" : " to " + keyFile) + "; active key: " + added.activeId());
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code baton encryption activate}: names another key of the file as the one that seals new data. */
    @Command(name = "activate", mixinStandardHelpOptions = true,
            description = {"Make a key the file already holds the active one: nodes seal new log entries and "
                    + "snapshots with it once they reload the file (encryption.reloadCheckMs). Only do this once every "
                    + "node's file holds the key (docs/operations.md#encryption-keys).",
                    "--id none seals nothing new while the keys still open what they sealed: to switch encryption on "
                            + "across a cluster before any node seals, or to switch it off."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Key made active.", "2:Usage error: the file does not parse, or has no such key."})
    static final class Activate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--key-file", required = true, paramLabel = "FILE", description = "The key file to change.")
        Path keyFile;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "The key to make active, or none.")
        String id;

        @Override
        public Integer call() throws IOException {
            String before;
            try {
                before = KeyFiles.activate(keyFile, id);
            } catch (IllegalArgumentException | java.nio.file.NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), e instanceof java.nio.file.NoSuchFileException
                        ? keyFile + " does not exist" : e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("active key of " + keyFile + ": " + id + " (was " + before + ")");
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code baton encryption status}: what the node asked seals with, and which key sealed its newest snapshot. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show the encryption at rest of the node asked (the first --url that answers): active key, "
                    + "every key id it can open with, and the key that sealed its newest snapshot. Key ids only. "
                    + "Ask each node in turn to follow a rotation (docs/operations.md#encryption-keys)."})
    static final class Status extends ClientCommand {
        @Override
        int run(BatonClient client) {
            EncryptionView view = client.encryption();
            if (options.json()) {
                printJson(view);
                return ExitCodes.OK;
            }
            EncryptionView.SnapshotKey snapshot = view.latestSnapshot();
            String snapshotLine = snapshot == null ? "no snapshot yet"
                    : snapshot.name() + (snapshot.keyId() == null ? " (plain)" : " sealed with " + snapshot.keyId());
            String keys = "keys " + String.join(", ", view.keyIds()) + " (" + view.keyFile() + ", reloaded "
                    + view.reloads() + "x)";
            out().println("node " + view.node() + ": " + (view.enabled() ? "encryption on, active key "
                    + view.activeKeyId() + ", " + keys : view.keyFile() != null ? "sealing nothing (active=none), "
                    + keys + " open what they sealed" : "encryption off (encryption.keyFile not set)")
                    + "; newest snapshot: " + snapshotLine);
            out().flush();
            return ExitCodes.OK;
        }
    }
}
