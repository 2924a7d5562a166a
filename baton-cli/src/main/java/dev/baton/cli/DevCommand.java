package dev.baton.cli;

import dev.baton.cli.logging.LogSetup;
import dev.baton.client.AgentWorker;
import dev.baton.client.demo.DemoHandlers;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.cluster.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code baton dev}: one node on loopback, demo agents, generated tokens. For laptops, not production. */
@Command(name = "dev", description = "Run a single node on 127.0.0.1 with demo agents (echo, sleep, flaky).")
final class DevCommand implements Callable<Integer> {
    @Mixin
    NodeOptions node;

    @Option(names = "--demo-agents", defaultValue = "2", description = "Demo agents to start (default: 2).")
    int demoAgents;

    @Option(names = "--demo-concurrency", defaultValue = "16", description = "Tasks each demo agent runs at once.")
    int demoConcurrency;

    @Override
    public Integer call() throws Exception {
        LogSetup.apply(node.logFormat);
        NodeConfig config = NodeConfig.singleNode(node.dataDir, node.port, true);
        if (node.raftPort != null) {
            config = config.toBuilder().cluster("n1", List.of(new Peer("n1", "127.0.0.1", node.port, node.raftPort)))
                    .build();
        }
        BatonNode baton = BatonNode.start(config);
        List<AgentWorker> agents = new ArrayList<>();
        for (int i = 1; i <= demoAgents; i++) {
            agents.add(AgentWorker.builder(baton.url(), baton.agentToken(), "demo-" + i, DemoHandlers.capabilities(),
                    demoConcurrency, DemoHandlers.handler()).build().start());
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
                  Metrics:      %s/metrics

                Try, from another terminal:
                  ./baton submit --capability echo --input '{"text":"hi"}' --wait

                Ctrl-C stops the node (data is kept in the data dir).
                %n""", baton.url(), tokenFile, config.dataDir().toAbsolutePath().normalize(), demoAgents,
                DemoHandlers.capabilities(), baton.url());
        stopped.await();
        return 0;
    }
}
