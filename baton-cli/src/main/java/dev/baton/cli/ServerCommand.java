package dev.baton.cli;

import dev.baton.cli.logging.LogSetup;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.cluster.Peer;
import java.util.List;
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
        NodeConfig.Builder builder = NodeConfig.singleNode(node.dataDir, node.port, false).toBuilder().httpHost(host)
                .metricsOpen(!metricsAuth)
                .adminToken(System.getenv("BATON_ADMIN_TOKEN"),
                        adminTokenFile != null ? adminTokenFile : node.dataDir.resolve("admin.token"));
        if (node.raftPort != null) {
            builder.cluster("n1", List.of(new Peer("n1", "127.0.0.1", node.port, node.raftPort)));
        }
        NodeConfig config = builder.build();
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
