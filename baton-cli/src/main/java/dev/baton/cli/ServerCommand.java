package dev.baton.cli;

import dev.baton.cli.logging.LogSetup;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton server}: a production node. Refuses to start without an admin credential. */
@Command(name = "server", description = "Run a Baton node. Needs an admin token (BATON_ADMIN_TOKEN or a token file).")
final class ServerCommand implements Callable<Integer> {
    @Mixin
    NodeOptions node;

    @Option(names = "--host", defaultValue = "${env:BATON_HOST:-0.0.0.0}", description = "HTTP bind address.")
    String host;

    @Option(names = "--admin-token-file", description = "File holding the admin token (default: <data-dir>/admin.token).")
    Path adminTokenFile;

    @Option(names = "--metrics-auth", description = "Require an API key on /metrics (default: open).")
    boolean metricsAuth;

    @Override
    public Integer call() throws Exception {
        LogSetup.apply(node.logFormat);
        NodeConfig config = NodeConfig.singleNode(node.dataDir, node.port, false).withHost(host)
                .withMetricsOpen(!metricsAuth)
                .withAdminToken(System.getenv("BATON_ADMIN_TOKEN"),
                        adminTokenFile != null ? adminTokenFile : node.dataDir.resolve("admin.token"));
        if (node.raftPort != null) {
            config = config.withRaftPort(node.raftPort);
        }
        BatonNode baton;
        try {
            baton = BatonNode.start(config);
        } catch (IllegalArgumentException e) {
            System.err.println("baton server: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            baton.close();
            stopped.countDown();
        }, "baton-shutdown"));
        System.out.println("Baton node listening on " + host + ":" + baton.httpPort());
        stopped.await();
        return 0;
    }
}
