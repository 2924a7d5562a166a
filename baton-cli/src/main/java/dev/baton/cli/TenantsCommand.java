package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton tenants}: groups {@code set}, {@code list}, {@code get} and {@code delete}. Runs on the main thread. */
@Command(name = "tenants", mixinStandardHelpOptions = true,
        description = "Configure tenants (budgets, in-flight limits, fair-share weights) and see their spend.",
        subcommands = {TenantsSetCommand.class, TenantsListCommand.class, TenantsGetCommand.class,
                TenantsDeleteCommand.class})
final class TenantsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use set, list, get or delete");
    }
}
