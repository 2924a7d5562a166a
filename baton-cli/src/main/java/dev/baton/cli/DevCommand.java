package dev.baton.cli;

import dev.baton.cli.logging.LogSetup;
import dev.baton.client.AgentWorker;
import dev.baton.client.ClientTls;
import dev.baton.client.demo.DemoHandlers;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.cluster.Peer;
import dev.baton.server.tls.DevCertificates;
import dev.baton.server.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton dev}: one node on loopback, demo agents, generated tokens. For laptops, not production. */
@Command(name = "dev", description = "Run Baton on 127.0.0.1 with demo agents (echo, sleep, flaky, approve): one node "
        + "in this process, or --nodes 3 for a local cluster of node processes.")
final class DevCommand implements Callable<Integer> {
    @Mixin
    NodeOptions node;

    @Option(names = "--nodes", defaultValue = "1",
            description = "1 (one node in this process) or 3 or 5 (one process per node, ports from --port up, data "
                    + "in <data-dir>/node-N).")
    int nodes;

    @Option(names = "--demo-agents", description = "Demo agents to start (default: 2, or one per node).")
    Integer demoAgents;

    @Option(names = "--demo-concurrency", defaultValue = "16", description = "Tasks each demo agent runs at once.")
    int demoConcurrency;

    @Option(names = "--tls", description = "Serve HTTPS with a development CA and certificate, made in "
            + "<data-dir>/tls on first use (single node only).")
    boolean tls;

    @Override
    public Integer call() throws Exception {
        LogSetup.apply(node.logFormat);
        if (nodes != 1 && nodes != 3 && nodes != 5) {
            System.err.println("baton dev: --nodes must be 1, 3 or 5 (got " + nodes + ")");
            return ExitCodes.USAGE;
        }
        if (nodes > 1 && tls) {
            System.err.println("baton dev: --tls works with --nodes 1; for a TLS cluster see docs/operations.md#tls");
            return ExitCodes.USAGE;
        }
        if (nodes > 1) {
            return runCluster();
        }
        int demoAgents = this.demoAgents != null ? this.demoAgents : 2;
        NodeConfig config = NodeConfig.singleNode(node.dataDir, node.port, true);
        if (node.raftPort != null) {
            config = config.toBuilder().cluster("n1", List.of(new Peer("n1", "127.0.0.1", node.port, node.raftPort)))
                    .build();
        }
        Path certs = node.dataDir.resolve("tls");
        if (tls) {
            if (!Files.exists(certs.resolve("ca.pem"))) {
                DevCertificates.writeDevSet(certs, List.of("n1"), List.of());
            }
            config = config.toBuilder().tls(TlsSettings.mutual(certs.resolve("n1.pem"), certs.resolve("n1-key.pem"),
                    certs.resolve("ca.pem"))).build();
        }
        BatonNode baton = BatonNode.start(config);
        javax.net.ssl.SSLContext agentTls = tls ? ClientTls.context(certs.resolve("ca.pem"), null, null) : null;
        List<AgentWorker> agents = new ArrayList<>();
        for (int i = 1; i <= demoAgents; i++) {
            agents.add(AgentWorker.builder(baton.url(), baton.agentToken(), "demo-" + i, DemoHandlers.capabilities(),
                    demoConcurrency, DemoHandlers.handler()).tls(agentTls).build().start());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agents.forEach(a -> a.shutdown(Duration.ofSeconds(5)));
            baton.close();
            stopped.countDown();
        }, "baton-shutdown"));
        String tokenFile = config.adminTokenFile().toAbsolutePath().normalize().toString();
        System.out.printf("""

                Baton dev node is up.
                  API:          %s
                  Admin token:  %s (the CLI reads it from there)
                  Data:         %s
                  Demo agents:  %d x %s
                  Dashboard:    %s/ui/ (sign in with the admin token)
                  Metrics:      %s/metrics

                Try, from another terminal:
                  ./baton submit --capability echo --input '{"text":"hi"}' --wait%s

                Ctrl-C stops the node (data is kept in the data dir).
                %n""", baton.url(), tokenFile, config.dataDir().toAbsolutePath().normalize(), demoAgents,
                DemoHandlers.capabilities(), baton.url(), baton.url(), tls ? " --url " + baton.url() + " --ca-cert "
                        + certs.resolve("ca.pem").toAbsolutePath().normalize() : "");
        stopped.await();
        return 0;
    }

    private int runCluster() throws Exception {
        System.out.printf("Starting %d Baton nodes on 127.0.0.1:%d-%d (logs in %s/node-N/node.log)...%n", nodes,
                node.port, node.port + nodes - 1, node.dataDir);
        DevCluster cluster = DevCluster.start(nodes, node.port, node.dataDir);
        int agentCount = demoAgents != null ? demoAgents : nodes;
        List<AgentWorker> agents = new ArrayList<>();
        List<String> urls = cluster.peers().stream().map(p -> p.httpUrl()).toList();
        for (int i = 0; i < agentCount; i++) {
            // Each agent starts on "its" node and fails over to the others.
            List<String> order = new ArrayList<>(urls.subList(i % urls.size(), urls.size()));
            order.addAll(urls.subList(0, i % urls.size()));
            agents.add(AgentWorker.builder(String.join(",", order), cluster.agentToken(), "demo-" + (i + 1),
                    DemoHandlers.capabilities(), demoConcurrency, DemoHandlers.handler()).build().start());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agents.forEach(a -> a.shutdown(Duration.ofSeconds(5)));
            cluster.close();
            stopped.countDown();
        }, "baton-shutdown"));
        System.out.printf("""

                Baton dev cluster is up: %d nodes, each a separate process.
                  API:          %s
                  Admin token:  %s (the CLI reads it from there)
                  Data:         %s/node-1 .. node-%d
                  Demo agents:  %d x %s, spread over the nodes
                  Dashboard:    %s/ui/ (any node; sign in with the admin token)

                Try, from another terminal:
                  ./baton status
                  ./baton submit --capability echo --input '{"text":"hi"}' --wait --url %s

                Ctrl-C stops every node (data is kept).
                %n""", nodes, cluster.urls(), cluster.adminTokenFile().toAbsolutePath().normalize(),
                node.dataDir.toAbsolutePath().normalize(), nodes, agentCount, DemoHandlers.capabilities(),
                cluster.peers().getFirst().httpUrl(), cluster.urls());
        stopped.await();
        return 0;
    }
}
