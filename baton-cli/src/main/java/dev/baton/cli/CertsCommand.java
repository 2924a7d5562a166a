package dev.baton.cli;

import dev.baton.server.tls.DevCertificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton certs}: groups {@code dev}. Runs on the main thread. */
@Command(name = "certs", mixinStandardHelpOptions = true, description = "Make TLS certificates.",
        subcommands = {CertsCommand.Dev.class})
final class CertsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: use dev");
    }

    /**
     * {@code baton certs dev}: a development CA and one certificate per node, for HTTPS and Raft mutual TLS on a
     * laptop or in CI. Refuses to overwrite an existing set.
     */
    @Command(name = "dev", mixinStandardHelpOptions = true,
            description = {"Write a development CA and node certificates (EC P-256, PEM) for HTTPS and mutual TLS "
                    + "between Raft peers: ca.pem, ca-key.pem, and <node>.pem, <node>-key.pem per node.",
                    "Each node certificate names localhost, 127.0.0.1, ::1, 127.0.0.<n> (n-th node), the node id and "
                            + "every --san. Not for production: the CA key sits next to the certificates."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:Certificates written.", "2:Usage error, or the files already exist."})
    static final class Dev implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "./certs",
                description = "Directory to write into (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--nodes", paramLabel = "ID[,ID...]", split = ",", defaultValue = "n1,n2,n3",
                description = "Node ids, one certificate each (default: ${DEFAULT-VALUE}).")
        List<String> nodes;

        @Option(names = "--san", paramLabel = "NAME", split = ",",
                description = "More DNS names or IP addresses for every node certificate.")
        List<String> extraNames = List.of();

        @Option(names = "--force", description = "Overwrite an existing set.")
        boolean force;

        @Override
        public Integer call() throws IOException, GeneralSecurityException {
            for (String node : nodes) {
                if (!node.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
                    throw new ParameterException(spec.commandLine(), "--nodes: '" + node + "' is not a valid node id");
                }
            }
            if (!force && Files.exists(out.resolve("ca.pem"))) {
                throw new ParameterException(spec.commandLine(), out.resolve("ca.pem") + " exists: pick another "
                        + "--out, or add --force to replace the whole set");
            }
            List<Path> written = DevCertificates.writeDevSet(out, nodes, extraNames);
            PrintWriter stdout = spec.commandLine().getOut();
            written.forEach(file -> stdout.println(file));
            stdout.println();
            String first = nodes.getFirst();
            stdout.println("Use them, e.g. for node " + first + ":");
            stdout.println("  BATON_TLS_CERT_FILE=" + out.resolve(first + ".pem") + " BATON_TLS_KEY_FILE="
                    + out.resolve(first + "-key.pem") + " BATON_TLS_CA_FILE=" + out.resolve("ca.pem")
                    + " baton server ...");
            stdout.println("  baton status --url https://127.0.0.1:8080 --ca-cert " + out.resolve("ca.pem"));
            stdout.flush();
            return ExitCodes.OK;
        }
    }
}
