package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton audit}: groups {@code list}, {@code export} and {@code verify}. Runs on the main thread. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Read, export and verify the hash-chained audit trail.",
        subcommands = {AuditListCommand.class, AuditExportCommand.class, AuditVerifyCommand.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use list, export or verify");
    }
}
