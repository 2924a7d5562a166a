package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long seeded chaos run (with {@code -Pchaos}): a 3-node cluster under steady load takes a random fault every few
 * seconds for {@code baton.chaos.minutes} (default 5) — kill -9 or SIGSTOP of the leader or a follower, follower
 * restart, wipe and re-add, full restart — then every acknowledged task must have finished exactly once and all
 * nodes must agree. {@code baton.chaos.seed} picks the fault sequence (printed, so a run can be repeated).
 * Writes {@code target/chaos.json}.
 */
class ClusterChaosRun {
    @TempDir
    Path root;

    @Test
    void seededFaults_keepEveryAcknowledgedTaskExactlyOnce() throws Exception {
        long seed = Long.getLong("baton.chaos.seed", System.currentTimeMillis());
        double minutes = Double.parseDouble(System.getProperty("baton.chaos.minutes", "5"));
        Random random = new Random(seed);
        System.out.println("chaos seed " + seed + " for " + minutes + " min (repeat with -Dbaton.chaos.seed=" + seed
                + ")");
        List<String> faults = new ArrayList<>();
        long endAt = System.currentTimeMillis() + (long) (minutes * 60_000);
        int acknowledged;
        long failedSubmits;
        try (ClusterProcesses cluster = new ClusterProcesses(root, 3)) {
            cluster.startAll();
            try (FaultWorkload load = new FaultWorkload(cluster.urls(), 3, 10)) {
                load.start();
                while (System.currentTimeMillis() < endAt) {
                    faults.add(injectOne(cluster, random));
                    Thread.sleep(1_000 + random.nextInt(3_000));
                }
                load.stopSubmitting();
                acknowledged = load.acknowledgedCount();
                failedSubmits = load.failedSubmits();
                load.checkInvariants(Duration.ofMinutes(3));
            }
            cluster.awaitSameDigest();
        }
        String json = String.format(Locale.ROOT, "{\"seed\":%d,\"minutes\":%s,\"faults\":%d,\"acknowledgedTasks\":%d,"
                + "\"failedSubmits\":%d,\"sequence\":\"%s\"}%n", seed, minutes, faults.size(), acknowledged,
                failedSubmits, String.join(",", faults));
        Files.writeString(Path.of("target", "chaos.json"), json);
        System.out.print("chaos: " + json);
        assertThat(acknowledged).isPositive();
    }

    /** Injects one random fault, waits for the cluster to be whole again, and names what it did. */
    static String injectOne(ClusterProcesses cluster, Random random) throws Exception {
        String leaderId = cluster.awaitLeader();
        ClusterProcesses.Node leader = cluster.node(leaderId);
        List<ClusterProcesses.Node> followers = cluster.nodes().stream().filter(n -> n != leader).toList();
        ClusterProcesses.Node follower = followers.get(random.nextInt(followers.size()));
        int kind = random.nextInt(6);
        long downMs = 500 + random.nextInt(2_500);
        switch (kind) {
            case 0 -> { cluster.kill9(leader); Thread.sleep(downMs); restart(cluster, leader); }
            case 1 -> { cluster.kill9(follower); Thread.sleep(downMs); restart(cluster, follower); }
            case 2 -> { pause(cluster, leader, downMs); }
            case 3 -> { pause(cluster, follower, downMs); }
            case 4 -> { cluster.stop(follower); Thread.sleep(downMs); restart(cluster, follower); }
            default -> {
                cluster.stopAll();
                for (ClusterProcesses.Node node : cluster.nodes()) {
                    cluster.launch(node, false);
                }
                cluster.awaitAllReady();
            }
        }
        return new String[] {"kill-leader", "kill-follower", "pause-leader", "pause-follower", "restart-follower",
                "restart-all"}[kind];
    }

    static void restart(ClusterProcesses cluster, ClusterProcesses.Node node) throws Exception {
        cluster.launch(node, false);
        cluster.awaitReady(node);
    }

    static void pause(ClusterProcesses cluster, ClusterProcesses.Node node, long ms) throws Exception {
        cluster.signal(node, "STOP");
        Thread.sleep(ms);
        cluster.signal(node, "CONT");
        cluster.awaitReady(node);
    }
}
