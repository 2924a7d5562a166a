package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.TaskView;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton tasks input ID --answer JSON}: answers a task waiting in {@code awaiting_input}. Main thread. */
@Command(name = "input", mixinStandardHelpOptions = true,
        description = {"Answer the question a task in awaiting_input is waiting on; the task is queued again.",
                "The answer must satisfy the question's JSON Schema (see 'baton tasks get ID')."})
final class TasksInputCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String taskId;

    @Option(names = {"-a", "--answer"}, required = true, paramLabel = "JSON",
            converter = Converters.JsonConverter.class,
            description = "The answer as JSON, or - to read it from standard input.")
    JsonNode answer;

    @Override
    int run(BatonClient client) {
        TaskView task = client.provideInput(taskId, answer);
        if (options.json()) {
            printJson(task);
        } else {
            print(TaskFormat.line(task));
        }
        return ExitCodes.OK;
    }
}
