package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.SubmitWorkflowRequest;
import dev.baton.api.WorkflowView;
import dev.baton.client.BatonClient;
import dev.baton.client.BatonJson;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton workflows submit --file flow.json [--wait]}: starts a workflow. Runs on the main thread. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a workflow: a JSON file as for POST /v1/workflows (steps with dependsOn and task).",
                "See docs/orchestration.md#workflows for the format and input templates."})
final class WorkflowsSubmitCommand extends ClientCommand {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            converter = Converters.JsonFileConverter.class, description = "The workflow as JSON, or - for stdin.")
    JsonNode file;

    @Option(names = {"-w", "--wait"}, description = "Wait until the workflow finishes; exit 1 unless it succeeded.")
    boolean waitForResult;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = Converters.DurationConverter.class,
            description = "How long --wait waits, e.g. 90s or 5m (default: ${DEFAULT-VALUE}); exit 6 when it runs out.")
    Duration timeout;

    @Override
    int run(BatonClient client) {
        SubmitWorkflowRequest request;
        try {
            request = BatonJson.convert(file, SubmitWorkflowRequest.class);
        } catch (IllegalArgumentException e) {
            err().println("baton: the workflow file is not a workflow: " + e.getMessage());
            err().flush();
            return ExitCodes.USAGE;
        }
        WorkflowView workflow = client.submitWorkflow(request);
        if (!waitForResult) {
            if (options.json()) {
                printJson(workflow);
            } else {
                print(WorkflowFormat.detail(workflow));
            }
            return ExitCodes.OK;
        }
        return WorkflowFormat.waitAndPrint(this, client, workflow, timeout);
    }
}
