package dev.baton.cli;

import dev.baton.api.WorkflowView;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton workflows cancel ID}: cancels a workflow and its running steps. Runs on the main thread. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel a workflow: running steps' tasks are cancelled, pending steps skipped.")
final class WorkflowsCancelCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Workflow id.")
    String workflowId;

    @Override
    int run(BatonClient client) {
        WorkflowView workflow = client.cancelWorkflow(workflowId);
        if (options.json()) {
            printJson(workflow);
        } else {
            print(WorkflowFormat.detail(workflow));
        }
        return ExitCodes.OK;
    }
}
