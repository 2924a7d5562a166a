package dev.baton.cli;

import dev.baton.api.ClusterView;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton cluster remove-node ID}: removes a member. Runs on the main thread. */
@Command(name = "remove-node", mixinStandardHelpOptions = true,
        description = "Remove a member. The others must be a majority of the current configuration.")
final class ClusterRemoveNodeCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The node to remove.")
    String nodeId;

    @Override
    int run(BatonClient client) {
        ClusterView cluster = client.removeNode(nodeId);
        if (options.json()) {
            printJson(cluster);
        } else {
            print("removed " + nodeId + " (stop its process now)\n\n" + AdminFormat.cluster(cluster));
        }
        return ExitCodes.OK;
    }
}
