package dev.baton.cli;

import dev.baton.server.crypto.SealedDataException;
import dev.baton.server.raft.SnapshotRestore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code baton restore}: a snapshot backup into an empty data directory, offline. Runs on the main thread. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a snapshot backup (a snapshot.<term>_<index> file) into an empty data directory. "
                + "Then start one node on it alone and grow the cluster with --join and `cluster add-node` "
                + "(docs/operations.md). A snapshot sealed with encryption at rest needs the node's key file "
                + "(--encryption-key-file) to be checked, and the restored node needs that key in its own key file.")
final class RestoreCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The snapshot file to restore.")
    Path snapshot;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "The new node's data directory; must not hold Raft data.")
    Path dataDir;

    @Mixin
    KeyFileOption keys;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(snapshot)) {
            spec.commandLine().getErr().println("baton restore: " + snapshot + " is not a file");
            return ExitCodes.USAGE;
        }
        try {
            long index = SnapshotRestore.restore(snapshot, dataDir, keys.cipher());
            spec.commandLine().getOut().printf("restored %s (index %d) into %s%nstart it with: baton server "
                    + "--data-dir %s --node-id <id> --peers <id>=<host>:<port>   (alone; add the other nodes with "
                    + "--join)%n",
                    snapshot.getFileName(), index, dataDir, dataDir);
            return ExitCodes.OK;
        } catch (IllegalArgumentException | SealedDataException e) {
            spec.commandLine().getErr().println("baton restore: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("baton restore: " + e.getMessage());
            return ExitCodes.SERVER_ERROR_OR_TIMEOUT;
        }
    }
}
