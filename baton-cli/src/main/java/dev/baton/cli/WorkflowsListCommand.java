package dev.baton.cli;

import dev.baton.api.WorkflowList;
import dev.baton.api.WorkflowState;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton workflows list}: one page of workflows, filtered. Runs on the main thread. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List workflows, oldest first.")
final class WorkflowsListCommand extends ClientCommand {

    @Option(names = {"-s", "--state"}, paramLabel = "STATE", converter = Converters.WorkflowStateConverter.class,
            description = "Only workflows in this state: running, succeeded, failed, cancelled.")
    WorkflowState state;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only workflows of this tenant.")
    String tenant;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "Workflows per page (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Page to fetch, from the previous page.")
    String cursor;

    @Override
    int run(BatonClient client) {
        WorkflowList page = client.listWorkflows(state, tenant, limit, cursor);
        if (options.json()) {
            printJson(page);
        } else {
            print(WorkflowFormat.table(page));
        }
        return ExitCodes.OK;
    }
}
