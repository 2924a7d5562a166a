package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process-level faults on a 3-node cluster of real {@code baton server} JVMs (127.0.0.2-4) under a steady load of
 * submissions with SDK agents working: (a) {@code kill -9} the leader, (b) {@code SIGSTOP} the leader past the
 * election timeout then {@code SIGCONT}, (c) restart a follower, (d) wipe a follower's data and re-add it, (e) stop
 * and restart the whole cluster. After each: every acknowledged task finishes with exactly one successful
 * attempt, and all nodes reach the same state digest. The long seeded version is {@code ClusterChaosRun}
 * ({@code -Pchaos}).
 */
class ClusterFaultIT {
    static final long LOAD_MS = 2_000;
    static final Duration SETTLE = Duration.ofSeconds(90);

    @TempDir
    Path root;

    @Test
    void cluster_survivesEachFaultKind_withNoLostOrDoubledResult() throws Exception {
        try (ClusterProcesses cluster = new ClusterProcesses(root, 3)) {
            cluster.startAll();
            cluster.awaitLeader();
            try (FaultWorkload load = new FaultWorkload(cluster.urls(), 3, 20)) {
                load.start();
                Thread.sleep(LOAD_MS);

                phase("(a)");
                // (a) kill -9 the leader, let the rest carry on, bring it back.
                ClusterProcesses.Node leader = cluster.node(cluster.awaitLeader());
                cluster.kill9(leader);
                Thread.sleep(LOAD_MS);
                cluster.launch(leader, false);
                cluster.awaitReady(leader);
                Thread.sleep(LOAD_MS);

                phase("(b)");
                // (b) SIGSTOP the leader for longer than the election timeout, then SIGCONT.
                ClusterProcesses.Node paused = cluster.node(cluster.awaitLeader());
                cluster.signal(paused, "STOP");
                Thread.sleep(LOAD_MS);
                cluster.signal(paused, "CONT");
                cluster.awaitReady(paused);
                Thread.sleep(LOAD_MS);

                phase("(c)");
                // (c) restart a follower (clean stop, then start).
                ClusterProcesses.Node follower = anyFollower(cluster);
                cluster.stop(follower);
                Thread.sleep(LOAD_MS);
                cluster.launch(follower, false);
                cluster.awaitReady(follower);
                Thread.sleep(LOAD_MS);

                phase("(d)");
                // (d) wipe a follower: remove it, delete its data, start it empty and add it back (snapshot install).
                ClusterProcesses.Node wiped = anyFollower(cluster);
                cluster.kill9(wiped);
                ClusterProcesses.Node current = cluster.node(cluster.awaitLeader());
                assertThat(cluster.membershipChange("DELETE", "/v1/cluster/nodes/" + wiped.id, null)).startsWith("200 ");
                cluster.wipe(wiped);
                assertThat(cluster.status(current, "POST", "/v1/cluster/snapshot", null)).isEqualTo(200);
                Thread.sleep(LOAD_MS);
                cluster.launch(wiped, true);
                assertThat(cluster.membershipChange("POST", "/v1/cluster/nodes",
                        "{\"id\":\"" + wiped.id + "\",\"address\":\"" + wiped.host + ":" + wiped.httpPort + ":"
                                + wiped.raftPort + "\"}")).startsWith("200 ");
                cluster.awaitReady(wiped);
                Thread.sleep(LOAD_MS);

                phase("(e)");
                // (e) stop every node, start them all again.
                cluster.stopAll();
                for (ClusterProcesses.Node node : cluster.nodes()) {
                    cluster.launch(node, false);
                }
                cluster.awaitAllReady();
                Thread.sleep(LOAD_MS);

                phase("settle");
                load.stopSubmitting();
                assertThat(load.acknowledgedCount()).isGreaterThan(100);
                load.checkInvariants(SETTLE);
            }
            cluster.awaitSameDigest();
        }
    }

    private long phaseStartedMs = System.currentTimeMillis();

    /** Prints how long the previous phase took (for tuning the test's length; never asserted). */
    private void phase(String next) {
        long now = System.currentTimeMillis();
        System.out.printf("fault phase done in %d ms; next: %s%n", now - phaseStartedMs, next);
        phaseStartedMs = now;
    }

    static ClusterProcesses.Node anyFollower(ClusterProcesses cluster) throws InterruptedException {
        String leader = cluster.awaitLeader();
        return cluster.nodes().stream().filter(n -> !n.id.equals(leader) && n.running()).findFirst().orElseThrow();
    }
}
