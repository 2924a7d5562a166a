package dev.baton.cli;

import dev.baton.api.AgentList;
import dev.baton.api.ClusterView;
import dev.baton.client.BatonApiException;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;

/** {@code baton status}: the Raft cluster and an agent summary. Runs on the main thread. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the cluster: nodes, leader, term, commit and applied index, and an agent summary.")
final class StatusCommand extends ClientCommand {

    @Override
    int run(BatonClient client) {
        ClusterView cluster = client.cluster();
        if (options.json()) {
            printJson(cluster);
            return ExitCodes.OK;
        }
        StringBuilder text = new StringBuilder(AdminFormat.cluster(cluster));
        try {
            AgentList agents = client.agents();
            text.append('\n').append(AdminFormat.agentSummary(agents));
        } catch (BatonApiException e) {
            // The summary is a bonus: a key that may read the cluster but not the agents still gets the cluster.
        }
        print(text.toString());
        return ExitCodes.OK;
    }
}
