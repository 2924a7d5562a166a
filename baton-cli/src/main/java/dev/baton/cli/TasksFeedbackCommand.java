package dev.baton.cli;

import dev.baton.api.FeedbackView;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code baton tasks feedback ID --score S}: scores a succeeded task's result. Runs on the main thread. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = "Score a succeeded task's result from 0 (wrong) to 1 (right); the thompson policy learns from it.")
final class TasksFeedbackCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String taskId;

    @Option(names = "--score", required = true, paramLabel = "S", description = "0 (wrong) to 1 (right).")
    double score;

    @Override
    int run(BatonClient client) {
        FeedbackView view = client.feedback(taskId, score);
        if (options.json()) {
            printJson(view);
        } else {
            print("feedback " + view.score() + " on task " + view.taskId() + " credited to " + view.agentsCredited()
                    + " agent(s)\n");
        }
        return ExitCodes.OK;
    }
}
