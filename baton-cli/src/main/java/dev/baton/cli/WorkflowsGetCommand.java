package dev.baton.cli;

import dev.baton.api.WorkflowView;
import dev.baton.client.BatonClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton workflows get ID [--wait]}: one workflow with every step's state. Runs on the main thread. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show a workflow and every step's state.")
final class WorkflowsGetCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Workflow id.")
    String workflowId;

    @Option(names = {"-w", "--wait"}, description = "Wait until the workflow finishes; exit 1 unless it succeeded.")
    boolean waitForResult;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = Converters.DurationConverter.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE}); exit 6 when it runs out.")
    Duration timeout;

    @Override
    int run(BatonClient client) {
        WorkflowView workflow = client.getWorkflow(workflowId);
        if (waitForResult) {
            return WorkflowFormat.waitAndPrint(this, client, workflow, timeout);
        }
        if (options.json()) {
            printJson(workflow);
        } else {
            print(WorkflowFormat.detail(workflow));
        }
        return ExitCodes.OK;
    }
}
