package dev.baton.cli;

import dev.baton.api.AgentList;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;

/** {@code baton agents}: the registered agents. Runs on the main thread. */
@Command(name = "agents", mixinStandardHelpOptions = true,
        description = "List registered agents with their state, load and capabilities.")
final class AgentsCommand extends ClientCommand {

    @Override
    int run(BatonClient client) {
        AgentList agents = client.agents();
        if (options.json()) {
            printJson(agents);
        } else {
            print(AdminFormat.agents(agents));
        }
        return ExitCodes.OK;
    }
}
