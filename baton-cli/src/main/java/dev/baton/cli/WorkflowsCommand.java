package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton workflows}: groups {@code submit}, {@code get}, {@code list} and {@code cancel}. Main thread. */
@Command(name = "workflows", mixinStandardHelpOptions = true,
        description = "Submit, inspect, list and cancel workflows (DAGs of tasks).",
        subcommands = {WorkflowsSubmitCommand.class, WorkflowsGetCommand.class, WorkflowsListCommand.class,
                WorkflowsCancelCommand.class})
final class WorkflowsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use submit, get, list or cancel");
    }
}
