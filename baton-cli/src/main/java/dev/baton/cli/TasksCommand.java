package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton tasks}: groups {@code list}, {@code get}, {@code cancel} and {@code input}. Runs on the main thread. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List, inspect, cancel and answer tasks.",
        subcommands = {TasksListCommand.class, TasksGetCommand.class, TasksCancelCommand.class,
                TasksInputCommand.class, TasksFeedbackCommand.class})
final class TasksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use list, get, cancel or input");
    }
}
