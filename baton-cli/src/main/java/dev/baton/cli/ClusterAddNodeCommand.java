package dev.baton.cli;

import dev.baton.api.ClusterView;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton cluster add-node}: adds a node started with {@code --join}. Runs on the main thread. */
@Command(name = "add-node", mixinStandardHelpOptions = true,
        description = "Add a node as a voting member. Start it first with `baton server --join`.")
final class ClusterAddNodeCommand extends ClientCommand {
    @Option(names = "--id", required = true, description = "The new node's id (its --node-id).")
    String nodeId;

    @Option(names = "--address", required = true, paramLabel = "HOST:HTTP_PORT[:RAFT_PORT]",
            description = "Where the new node listens; Raft defaults to the HTTP port + 10000.")
    String address;

    @Override
    int run(BatonClient client) {
        ClusterView cluster = client.addNode(nodeId, address);
        if (options.json()) {
            printJson(cluster);
        } else {
            print("added " + nodeId + "\n\n" + AdminFormat.cluster(cluster));
        }
        return ExitCodes.OK;
    }
}
