package dev.baton.cli;

import dev.baton.api.TaskState;
import dev.baton.api.TaskView;
import dev.baton.client.BatonClient;
import java.time.Duration;

/** Shared {@code --wait} behaviour of {@code submit} and {@code tasks get}. Stateless. */
final class TaskWait {
    private TaskWait() {}

    /** Waits for the task, prints it, and returns 0 when it succeeded, 1 when it ended otherwise, 6 on timeout. */
    static int waitAndPrint(ClientCommand command, BatonClient client, TaskView task, Duration timeout) {
        TaskView last = task.state() != null && task.state().isTerminal() ? task
                : client.waitForTask(task.id(), timeout);
        if (command.options.json()) {
            command.printJson(last);
        } else {
            command.print(TaskFormat.detail(last));
        }
        if (last.state() == null || !last.state().isTerminal()) {
            command.err().println("baton: task " + last.id() + " is still " + stateName(last) + " after "
                    + timeout.toMillis() + " ms; raise --timeout to wait longer");
            command.err().flush();
            return ExitCodes.SERVER_ERROR_OR_TIMEOUT;
        }
        return last.state() == TaskState.SUCCEEDED ? ExitCodes.OK : ExitCodes.TASK_NOT_SUCCEEDED;
    }

    private static String stateName(TaskView task) {
        return task.state() == null ? "unknown" : task.state().wireName();
    }
}
