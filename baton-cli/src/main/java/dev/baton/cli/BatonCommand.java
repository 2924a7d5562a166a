package dev.baton.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code baton} command: the root of every subcommand. Each invocation runs on the main
 * thread; {@code baton agent} adds its own worker threads.
 */
@Command(name = "baton", mixinStandardHelpOptions = true, versionProvider = BatonCommand.ManifestVersion.class,
        description = "Baton: a control plane for fleets of AI agents.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_HELP, ExitCodes.TASK_NOT_SUCCEEDED_HELP, ExitCodes.USAGE_HELP,
                ExitCodes.UNREACHABLE_HELP, ExitCodes.AUTH_FAILED_HELP, ExitCodes.REJECTED_HELP,
                ExitCodes.SERVER_ERROR_HELP, ExitCodes.VERIFY_FAILED_HELP},
        footerHeading = "%n",
        footer = {"Client commands take --url (env BATON_URL), --token (env BATON_TOKEN, else <data-dir>/admin.token)"
                + " and -o text|json."})
public final class BatonCommand implements Callable<Integer> {
    /** Every verb, in the order help lists them ({@code help} itself comes last). */
    static final List<Class<?>> VERBS = List.of(
            DevCommand.class,
            ServerCommand.class,
            SubmitCommand.class,
            TasksCommand.class,
            WorkflowsCommand.class,
            AgentsCommand.class,
            StatusCommand.class,
            HealthCommand.class,
            AgentCommand.class,
            KeysCommand.class,
            TenantsCommand.class,
            AuditCommand.class,
            ClusterCommand.class,
            BackupCommand.class,
            DeployCommand.class,
            CertsCommand.class,
            EncryptionCommand.class,
            RestoreCommand.class,
            BenchCommand.class);

    @Spec
    CommandSpec spec;

    /** Runs {@code baton} with the given arguments and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The {@code baton} command line for {@code args}. When they start with a verb, only that verb's model is built:
     * picocli reflects over every option of every command it is given, about half a second for all of them, which
     * {@code baton dev} would otherwise pay on each start. Without a known verb (help, a typo, nothing) every verb is
     * there, so help and picocli's suggestions list them all.
     */
    static CommandLine commandLine(String... args) {
        CommandLine root = new CommandLine(new BatonCommand());
        String first = args.length == 0 ? "" : args[0];
        List<Class<?>> invoked = VERBS.stream().filter(verb -> nameOf(verb).equals(first)).toList();
        for (Class<?> verb : invoked.isEmpty() ? VERBS : invoked) {
            root.addSubcommand(verb);
        }
        root.addSubcommand(CommandLine.HelpCommand.class);
        return root;
    }

    private static String nameOf(Class<?> verb) {
        return verb.getAnnotation(Command.class).name();
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command; see baton --help");
    }

    /** The version from the jar manifest ({@code Implementation-Version}), or {@code dev} outside a jar. Stateless. */
    static final class ManifestVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BatonCommand.class.getPackage().getImplementationVersion();
            return new String[] {"baton " + (version == null ? "dev" : version),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
        }
    }
}
