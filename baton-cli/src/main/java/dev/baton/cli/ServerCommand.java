package dev.baton.cli;

import dev.baton.cli.logging.LogSetup;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.config.ConfigException;
import dev.baton.server.config.ConfigLoader;
import dev.baton.server.config.ServerConfig;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code baton server}: a production node, configured by flags over {@code BATON_*} environment variables over a
 * YAML file over defaults. A config error exits {@link ExitCodes#USAGE} with every problem on standard error.
 * Refuses to start without an admin credential. Runs until it is signalled or, with {@code --parent-pid}, until
 * that process ends; either way the node is closed once.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false, description = "Run a Baton node. Needs an admin token (BATON_ADMIN_TOKEN or a token file).",
        footerHeading = "%n", footer = {"Every setting can also come from the YAML file (--config, env BATON_CONFIG) "
                + "or an environment variable: BATON_ + its key in UPPER_SNAKE_CASE, e.g. http.port is "
                + "BATON_HTTP_PORT. Flags win over the environment, which wins over the file. See "
                + "docs/configuration.md."})
final class ServerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommand.class);

    @Mixin
    ServerOptions options;

    @Option(names = "--print-config", description = "Print the effective configuration as YAML (tokens redacted) "
            + "and exit.")
    boolean printConfig;

    @Option(names = "--parent-pid", paramLabel = "PID", hidden = true,
            description = "Stop the node and exit 0 when this process ends (used by baton dev --nodes).")
    Long parentPid;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServerConfig config;
        try {
            config = ConfigLoader.load(options.overrides(), System.getenv());
        } catch (ConfigException e) {
            return usage(e.getMessage());
        }
        config.warnings().forEach(warning -> err().println("baton server: warning: " + warning));
        if (printConfig) {
            out().print(config.toYaml());
            out().flush();
            return ExitCodes.OK;
        }
        Optional<ProcessHandle> parent = parentPid == null ? Optional.empty() : ProcessHandle.of(parentPid);
        if (parentPid != null && parent.isEmpty()) {
            return usage("--parent-pid " + parentPid + ": no such process");
        }
        LogSetup.apply(config.logFormat().wire());
        NodeConfig node = config.node();
        BatonNode baton;
        try {
            baton = BatonNode.start(node);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                baton.close();
            }
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "baton-shutdown"));
        parent.ifPresent(p -> p.onExit().thenRun(() -> {
            LOG.info("parent process {} ended; stopping", p.pid());
            stop.run();
        }));
        out().println("Baton node " + node.nodeId() + " listening on " + node.httpHost() + ":" + baton.httpPort()
                + " (Raft " + node.self().raftPort() + ", " + node.peers().size() + " peer"
                + (node.peers().size() == 1 ? "" : "s") + ")");
        out().flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private int usage(String message) {
        err().println("baton server: " + message);
        err().flush();
        return ExitCodes.USAGE;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
