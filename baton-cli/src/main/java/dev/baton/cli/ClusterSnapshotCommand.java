package dev.baton.cli;

import dev.baton.client.BatonClient;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code baton cluster snapshot}: snapshots the node {@code --url} names first. Runs on the main thread. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Take a snapshot of the node asked (the first --url that answers) now; copy the file for a "
                + "backup (docs/operations.md).")
final class ClusterSnapshotCommand extends ClientCommand {
    @Override
    int run(BatonClient client) {
        long index = client.takeSnapshot();
        if (options.json()) {
            printJson(Map.of("node", client.baseUrl(), "index", index));
        } else {
            print("snapshot of " + client.baseUrl() + " at index " + index + "\n");
        }
        return ExitCodes.OK;
    }
}
