package dev.baton.cli;

import dev.baton.api.WorkflowList;
import dev.baton.api.WorkflowState;
import dev.baton.api.WorkflowView;
import dev.baton.client.BatonClient;
import dev.baton.client.BatonJson;
import java.time.Duration;

/** Human-readable renderings of workflows, and the shared {@code --wait}. Stateless. */
final class WorkflowFormat {
    private WorkflowFormat() {}

    /** The workflow's fields, then one row per step. */
    static String detail(WorkflowView w) {
        Table steps = new Table("STEP", "STATE", "DEPENDS ON", "TASK", "OUTPUT / ERROR");
        for (WorkflowView.Step s : w.steps()) {
            String state = s.state().wireName() + (s.taskState() == null ? "" : " (" + s.taskState().wireName() + ")");
            String outcome = s.output() != null ? abbreviate(BatonJson.write(s.output()))
                    : s.error() != null ? s.error().code() + ": " + s.error().message() : null;
            steps.row(s.id(), state, String.join(",", s.dependsOn()), s.taskId(), outcome);
        }
        return Table.keyValues(
                "id", w.id(),
                "name", w.name(),
                "state", w.state().wireName(),
                "tenant", w.tenant(),
                "fail fast", w.failFast(),
                "created", w.createdAt(),
                "finished", w.finishedAt(),
                "reason", w.reason()) + steps.render();
    }

    static String table(WorkflowList page) {
        Table table = new Table("ID", "NAME", "STATE", "STEPS", "CREATED", "FINISHED");
        for (WorkflowView w : page.workflows()) {
            long done = w.steps().stream().filter(s -> s.state().isTerminal()).count();
            table.row(w.id(), w.name(), w.state().wireName(), done + "/" + w.steps().size(), w.createdAt(),
                    w.finishedAt());
        }
        String text = page.workflows().isEmpty() ? "no workflows\n" : table.render();
        if (page.nextCursor() != null) {
            text += "more: baton workflows list --cursor " + page.nextCursor() + "\n";
        }
        return text;
    }

    /** Waits for the workflow, prints it, and returns 0 when it succeeded, 1 when it ended otherwise, 6 on timeout. */
    static int waitAndPrint(ClientCommand command, BatonClient client, WorkflowView workflow, Duration timeout) {
        WorkflowView last = workflow.state().isTerminal() ? workflow : client.waitForWorkflow(workflow.id(), timeout);
        if (command.options.json()) {
            command.printJson(last);
        } else {
            command.print(detail(last));
        }
        if (!last.state().isTerminal()) {
            command.err().println("baton: workflow " + last.id() + " is still running after " + timeout.toMillis()
                    + " ms; raise --timeout to wait longer");
            command.err().flush();
            return ExitCodes.SERVER_ERROR_OR_TIMEOUT;
        }
        return last.state() == WorkflowState.SUCCEEDED ? ExitCodes.OK : ExitCodes.TASK_NOT_SUCCEEDED;
    }

    private static String abbreviate(String text) {
        return text.length() <= TaskFormat.MAX_INLINE_JSON_CHARS ? text
                : text.substring(0, TaskFormat.MAX_INLINE_JSON_CHARS) + "…";
    }
}
