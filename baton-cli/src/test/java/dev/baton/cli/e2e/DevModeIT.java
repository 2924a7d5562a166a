package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's tour through the real jar: {@code baton dev}, then {@code baton submit --wait} from another process. */
class DevModeIT {
    @TempDir
    Path dataDir;

    @Test
    void devThenSubmitWait_printsFinishedTaskWithResult() throws Exception {
        int port = BatonProcess.freePort();
        try (BatonProcess dev = BatonProcess.dev(dataDir, port)) {
            Path token = dataDir.resolve("admin.token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");

            BatonProcess.Result submit = BatonProcess.cli("submit", "--url", dev.url(), "--data-dir",
                    dataDir.toString(), "--capability", "echo", "--input", "{\"text\":\"hi\"}", "--wait");
            assertThat(submit.exitCode()).as(submit.output()).isZero();
            assertThat(submit.output()).contains("succeeded").contains("hi");

            BatonProcess.Result json = BatonProcess.cli("submit", "--url", dev.url(), "--data-dir",
                    dataDir.toString(), "--capability", "echo", "--input", "{\"n\":1}", "--wait", "--output", "json");
            assertThat(json.exitCode()).as(json.output()).isZero();
            assertThat(json.output()).contains("\"state\" : \"succeeded\"").contains("\"n\" : 1");

            BatonProcess.Result agents = BatonProcess.cli("agents", "--url", dev.url(), "--data-dir",
                    dataDir.toString());
            assertThat(agents.exitCode()).isZero();
            assertThat(agents.output()).contains("demo-1", "echo");

            BatonProcess.Result badToken = BatonProcess.cli("tasks", "list", "--url", dev.url(), "--token", "bt_bad");
            assertThat(badToken.exitCode()).isEqualTo(4);
        }
    }
}
