package dev.baton.cli;

import dev.baton.api.TaskView;
import dev.baton.client.BatonClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton tasks get ID}: one task in full, optionally after waiting for it to finish. Runs on the main thread. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show a task, its result and its attempts.")
final class TasksGetCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String taskId;

    @Option(names = {"-w", "--wait"}, description = "Wait until the task finishes; exit 1 unless it succeeded.")
    boolean waitForResult;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = Converters.DurationConverter.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE}); exit 6 when it runs out.")
    Duration timeout;

    @Override
    int run(BatonClient client) {
        TaskView task = client.getTask(taskId);
        if (waitForResult) {
            return TaskWait.waitAndPrint(this, client, task, timeout);
        }
        if (options.json()) {
            printJson(task);
        } else {
            print(TaskFormat.detail(task));
        }
        return ExitCodes.OK;
    }
}
