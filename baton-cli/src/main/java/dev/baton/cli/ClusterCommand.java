package dev.baton.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code baton cluster}: membership, leadership transfer and snapshots. Runs on the main thread. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Change the cluster: add-node, remove-node, transfer-leadership, snapshot. See docs/operations.md.",
        subcommands = {StatusCommand.class, ClusterAddNodeCommand.class, ClusterRemoveNodeCommand.class,
                ClusterTransferCommand.class, ClusterSnapshotCommand.class})
final class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing subcommand: use status, add-node, remove-node, transfer-leadership or snapshot");
    }
}
