package dev.baton.cli;

import dev.baton.api.TaskList;
import dev.baton.api.TaskState;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton tasks list}: one page of tasks, filtered. Runs on the main thread. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks, newest first.")
final class TasksListCommand extends ClientCommand {

    @Option(names = {"-s", "--state"}, paramLabel = "STATE", converter = Converters.TaskStateConverter.class,
            description = "Only tasks in this state: queued, leased, running, awaiting_input, succeeded, "
                    + "failed, cancelled, timed_out.")
    TaskState state;

    @Option(names = {"-c", "--capability"}, paramLabel = "CAPABILITY", description = "Only tasks for this capability.")
    String capability;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "Tasks per page (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Page to fetch, from the previous page.")
    String cursor;

    @Override
    int run(BatonClient client) {
        TaskList page = client.listTasks(state, capability, limit, cursor);
        if (options.json()) {
            printJson(page);
        } else {
            print(TaskFormat.table(page));
        }
        return ExitCodes.OK;
    }
}
