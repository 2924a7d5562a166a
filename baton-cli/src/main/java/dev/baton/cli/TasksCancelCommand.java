package dev.baton.cli;

import dev.baton.api.TaskView;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton tasks cancel ID}: cancels a task. Runs on the main thread. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel a task; a running attempt is told to stop.")
final class TasksCancelCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String taskId;

    @Override
    int run(BatonClient client) {
        TaskView task = client.cancelTask(taskId);
        if (options.json()) {
            printJson(task);
        } else {
            print(TaskFormat.line(task));
        }
        return ExitCodes.OK;
    }
}
