package dev.baton.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code baton deploy kubernetes|compose}: writes the deployment files for a cluster of N nodes (to standard
 * output, or {@code --out FILE}), with every node's peer list filled in; apply them with {@code kubectl apply -f}
 * or {@code docker compose up}. Nothing is contacted. Runs on the main thread.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Write deployment files for an N-node cluster (peers filled in): Kubernetes manifests or a "
                + "docker-compose file. Apply them with kubectl or docker compose.",
        subcommands = {DeployCommand.Kubernetes.class, DeployCommand.Compose.class})
final class DeployCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Options both targets take. */
    static final class Common {
        @Option(names = "--nodes", defaultValue = "3", description = "Cluster size: 1, 3 or 5 (default: 3).")
        int nodes;

        @Option(names = "--image", defaultValue = "baton:dev", description = "Container image (default: baton:dev).")
        String image;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
        Path out;

        List<String> args(String... more) {
            List<String> args = new ArrayList<>();
            if (nodes != 3) {
                args.addAll(List.of("--nodes", Integer.toString(nodes)));
            }
            if (!"baton:dev".equals(image)) {
                args.addAll(List.of("--image", image));
            }
            args.addAll(List.of(more));
            return args;
        }
    }

    @Command(name = "kubernetes", aliases = "k8s", mixinStandardHelpOptions = true,
            description = "A StatefulSet with peer DNS, Services, a PodDisruptionBudget; the admin token comes from "
                    + "the Secret baton-admin (key: token).")
    static final class Kubernetes implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--namespace", defaultValue = "baton", description = "Namespace (default: baton).")
        String namespace;

        @Option(names = "--storage", defaultValue = "10Gi", description = "Volume per node (default: 10Gi).")
        String storage;

        @Option(names = "--cpu", defaultValue = "1", description = "CPU request per node (default: 1).")
        String cpu;

        @Option(names = "--memory", defaultValue = "2Gi",
                description = "Memory limit per node; the request is half (default: 2Gi).")
        String memory;

        @Override
        public Integer call() {
            return write(spec, common, () -> {
                List<String> extra = new ArrayList<>();
                if (!"baton".equals(namespace)) {
                    extra.addAll(List.of("--namespace", namespace));
                }
                if (!"10Gi".equals(storage)) {
                    extra.addAll(List.of("--storage", storage));
                }
                if (!"1".equals(cpu)) {
                    extra.addAll(List.of("--cpu", cpu));
                }
                if (!"2Gi".equals(memory)) {
                    extra.addAll(List.of("--memory", memory));
                }
                if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                    throw new IllegalArgumentException("--namespace must be a Kubernetes name (lower-case letters, "
                            + "digits and '-'), got '" + namespace + "'");
                }
                return DeployManifests.kubernetes(new DeployManifests.Kubernetes(common.nodes, namespace,
                        common.image, storage, cpu, memory, joined(common.args(extra.toArray(String[]::new)))));
            });
        }
    }

    @Command(name = "compose", mixinStandardHelpOptions = true,
            description = "A docker-compose file: nodes n1..nN, HTTP ports from --first-port, one volume each.")
    static final class Compose implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--first-port", defaultValue = "8080",
                description = "Host port of n1's API; the others follow (default: 8080).")
        int firstPort;

        @Override
        public Integer call() {
            return write(spec, common, () -> DeployManifests.compose(new DeployManifests.Compose(common.nodes,
                    common.image, firstPort, joined(common.args(firstPort == 8080 ? new String[0]
                            : new String[] {"--first-port", Integer.toString(firstPort)})))));
        }
    }

    private static int write(CommandLine.Model.CommandSpec spec, Common common,
                             java.util.function.Supplier<String> render) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (common.nodes != 1 && common.nodes != 3 && common.nodes != 5) {
            err.println("baton deploy: --nodes must be 1, 3 or 5 (got " + common.nodes + ")");
            return ExitCodes.USAGE;
        }
        String text;
        try {
            text = render.get();
        } catch (IllegalArgumentException e) {
            err.println("baton deploy: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (common.out == null) {
            out.print(text);
            out.flush();
            return ExitCodes.OK;
        }
        try {
            Files.writeString(common.out, text);
            err.println("wrote " + common.out);
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("baton deploy: cannot write " + common.out + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private static String joined(List<String> args) {
        return args.isEmpty() ? "" : " " + String.join(" ", args);
    }
}
