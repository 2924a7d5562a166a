package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover benchmark (runs with {@code -Pchaos}, not in the default suite): on a 3-node cluster of real JVMs,
 * {@code kill -9} the leader and time until a surviving node accepts a write (a task submission sent to a
 * follower, which forwards it to whichever node leads). Repeated {@code baton.failover.trials} times (default 20);
 * prints and writes {@code target/failover.json} with every sample, the median and the p99. It asserts only that
 * each trial recovered; the figures go to docs/operations.md.
 */
class FailoverBench {
    @TempDir
    Path root;

    @Test
    void killLeader_timeToFirstAcceptedWrite() throws Exception {
        int trials = Integer.getInteger("baton.failover.trials", 20);
        List<Long> samplesMs = new ArrayList<>();
        try (ClusterProcesses cluster = new ClusterProcesses(root, 3)) {
            cluster.startAll();
            for (int trial = 1; trial <= trials; trial++) {
                ClusterProcesses.Node leader = cluster.node(cluster.awaitLeader());
                cluster.awaitSameDigest();
                ClusterProcesses.Node survivor = cluster.nodes().stream()
                        .filter(n -> n != leader && n.running()).findFirst().orElseThrow();
                long killedAt = System.nanoTime();
                leader.process.destroyForcibly();
                long acceptedAt = firstAcceptedWrite(cluster, survivor, trial);
                long ms = (acceptedAt - killedAt) / 1_000_000;
                samplesMs.add(ms);
                System.out.printf("failover trial %d: leader %s killed, write accepted after %d ms%n", trial,
                        leader.id, ms);
                leader.process.waitFor();
                cluster.launch(leader, false);
                cluster.awaitReady(leader);
                // Let the restarted JVM finish starting and compiling: on 2 cores it competes with the others.
                Thread.sleep(Long.getLong("baton.failover.settleMs", 3_000));
            }
        }
        List<Long> sorted = samplesMs.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        long p99 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        String json = String.format(Locale.ROOT, "{\"trials\":%d,\"medianMs\":%d,\"p99Ms\":%d,\"maxMs\":%d,"
                + "\"samplesMs\":%s}%n", sorted.size(), median, p99, sorted.getLast(), samplesMs);
        Files.writeString(Path.of("target", "failover.json"), json);
        System.out.print("failover: " + json);
        assertThat(samplesMs).hasSize(trials);
    }

    /** Submits to {@code survivor} until one submission is accepted; returns the time it was. */
    static long firstAcceptedWrite(ClusterProcesses cluster, ClusterProcesses.Node survivor, int trial)
            throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String body = "{\"capability\":\"failover-probe\",\"idempotencyKey\":\"failover-" + trial + "\"}";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> reply = cluster.send(survivor, "POST", "/v1/tasks", body);
                if (reply.statusCode() == 201 || reply.statusCode() == 200) {
                    return System.nanoTime();
                }
            } catch (java.io.IOException e) {
                // the survivor is busy with the election; try again
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no write accepted within 30 s of killing the leader (trial " + trial + ")");
    }
}
