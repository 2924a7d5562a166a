package dev.baton.cli;

import dev.baton.client.BatonClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton cluster transfer-leadership [--to ID]}. Runs on the main thread. */
@Command(name = "transfer-leadership", mixinStandardHelpOptions = true,
        description = "Hand leadership to another node (default: the most up-to-date follower).")
final class ClusterTransferCommand extends ClientCommand {
    @Option(names = "--to", paramLabel = "ID", description = "The node to hand leadership to.")
    String target;

    @Override
    int run(BatonClient client) {
        String leader = client.transferLeadership(target);
        if (options.json()) {
            printJson(Map.of("leader", leader));
        } else {
            print("leader is now " + leader + "\n");
        }
        return ExitCodes.OK;
    }
}
