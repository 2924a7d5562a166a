package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.tls.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton certs dev}, and the CLI talking to a node over HTTPS with the CA it wrote. */
class CertsCommandTest {
    @TempDir
    Path dir;

    @Test
    void dev_writesASetThatANodeServesAndTheCliTrustsWithCaCert() throws Exception {
        Path certs = dir.resolve("certs");
        Cli.Result made = Cli.run("certs", "dev", "--out", certs.toString(), "--nodes", "n1,n2");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).contains("ca.pem", "n2-key.pem", "BATON_TLS_CERT_FILE=");
        assertThat(certs.resolve("n2.pem")).exists();

        TlsSettings tls = TlsSettings.mutual(certs.resolve("n1.pem"), certs.resolve("n1-key.pem"),
                certs.resolve("ca.pem"));
        try (BatonNode node = BatonNode.start(NodeConfig.singleNode(dir.resolve("data"), 0, true).toBuilder()
                .tls(tls).build())) {
            Cli.Result trusted = Cli.run("tasks", "list", "--url", node.url(), "--token", node.adminToken(),
                    "--ca-cert", certs.resolve("ca.pem").toString());
            assertThat(trusted.exitCode()).as(trusted.err()).isZero();

            Cli.Result untrusted = Cli.run("tasks", "list", "--url", node.url(), "--token", node.adminToken(),
                    "--failover-window", "0s");
            assertThat(untrusted.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        }
    }

    @Test
    void dev_existingSet_isKeptUnlessForced() throws Exception {
        Path certs = dir.resolve("certs");
        assertThat(Cli.run("certs", "dev", "--out", certs.toString(), "--nodes", "a").exitCode()).isZero();
        String before = Files.readString(certs.resolve("ca.pem"));

        Cli.Result again = Cli.run("certs", "dev", "--out", certs.toString(), "--nodes", "a");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("--force");
        assertThat(Files.readString(certs.resolve("ca.pem"))).isEqualTo(before);

        assertThat(Cli.run("certs", "dev", "--out", certs.toString(), "--nodes", "a", "--force").exitCode()).isZero();
        assertThat(Files.readString(certs.resolve("ca.pem"))).isNotEqualTo(before);
    }
}
