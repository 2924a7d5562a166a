package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton keys}: groups {@code create}, {@code list}, {@code revoke} and {@code rotate}. Main thread. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list, revoke and rotate API keys.",
        subcommands = {KeysCreateCommand.class, KeysListCommand.class, KeysRevokeCommand.class,
                KeysRotateCommand.class})
final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use create, list, revoke or rotate");
    }
}
