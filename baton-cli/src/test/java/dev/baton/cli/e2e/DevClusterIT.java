package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's cluster tour through the real jar: {@code baton dev --nodes 3}, {@code baton status} shows three
 * nodes with one leader, a task submitted to a follower finishes on the demo agents, and stopping {@code baton dev}
 * stops every node process.
 */
class DevClusterIT {
    @TempDir
    Path dataDir;

    @Test
    void devNodes3_statusShowsThreeNodes_submitToAnyNodeSucceeds_stopLeavesNoNodeBehind() throws Exception {
        int first = BatonProcess.freeConsecutivePorts(3);
        String urls = "http://127.0.0.1:" + first + ",http://127.0.0.1:" + (first + 1) + ",http://127.0.0.1:"
                + (first + 2);
        List<ProcessHandle> nodes;
        try (BatonProcess dev = BatonProcess.devCluster(dataDir, first, 3)) {
            BatonProcess.Result status = BatonProcess.cli("status", "--url", urls, "--data-dir", dataDir.toString());
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output()).contains("n1", "n2", "n3").containsOnlyOnce(" leader ");

            for (int port = first; port < first + 3; port++) {
                BatonProcess.Result submit = BatonProcess.cli("submit", "--url", "http://127.0.0.1:" + port,
                        "--data-dir", dataDir.toString(), "--capability", "echo", "--input", "{\"p\":" + port + "}",
                        "--wait");
                assertThat(submit.exitCode()).as(submit.output()).isZero();
                assertThat(submit.output()).contains("succeeded");
            }
            nodes = dev.process.descendants().filter(p -> p.info().commandLine().orElse("").contains(" server "))
                    .toList();
            assertThat(nodes).hasSize(3);
        }
        for (ProcessHandle node : nodes) {
            node.onExit().get(30, TimeUnit.SECONDS);
            assertThat(node.isAlive()).isFalse();
        }
    }
}
