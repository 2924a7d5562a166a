package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.crypto.EncryptionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton encryption new-key} and {@code activate}, and {@code backup}/{@code restore} of a node whose
 * snapshots are sealed: they open them only with {@code --encryption-key-file}.
 */
class EncryptionCommandTest {
    @TempDir
    Path dir;

    @Test
    void newKey_createsAnOwnerOnlyFile_printsTheIdButNeverTheKey() throws Exception {
        Path file = dir.resolve("keys");
        Cli.Result made = Cli.run("encryption", "new-key", "--key-file", file.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(made.out()).contains("with key k1; active key: k1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Cli.Result added = Cli.run("encryption", "new-key", "--key-file", file.toString(), "--id", "k2");
        assertThat(added.out()).contains("added key k2").contains("active key: k1");
        Cli.Result activated = Cli.run("encryption", "activate", "--key-file", file.toString(), "--id", "k2");
        assertThat(activated.out()).contains("active key of " + file + ": k2 (was k1)");
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("k")) {
                String key = line.substring(line.indexOf('=') + 1);
                assertThat(made.out() + added.out() + activated.out()).doesNotContain(key);
            }
        }
        assertThat(Files.readString(file)).contains("active=k2");
    }

    @Test
    void newKey_takenId_isAUsageError() throws Exception {
        Path file = dir.resolve("keys");
        Cli.run("encryption", "new-key", "--key-file", file.toString());
        Cli.Result again = Cli.run("encryption", "new-key", "--key-file", file.toString(), "--id", "k1");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("already holds a key 'k1'");
    }

    @Test
    void backupAndRestore_sealedSnapshot_needTheKeyFileToOpenIt() throws Exception {
        Path keys = dir.resolve("keys");
        Cli.run("encryption", "new-key", "--key-file", keys.toString());
        NodeConfig config = NodeConfig.singleNode(dir.resolve("data"), 0, true).toBuilder()
                .encryption(new EncryptionSettings(keys, 100)).build();
        Path out = dir.resolve("backups");
        try (BatonNode node = BatonNode.start(config)) {
            Cli.Result unchecked = Cli.run("backup", "--url", node.url(), "--token", node.adminToken(),
                    "--out", out.toString());
            assertThat(unchecked.exitCode()).as(unchecked.err()).isZero();
            assertThat(unchecked.err()).contains("sealed with key 'k1'").contains("--encryption-key-file");
            Cli.Result checked = Cli.run("backup", "--url", node.url(), "--token", node.adminToken(),
                    "--out", out.toString(), "--encryption-key-file", keys.toString());
            assertThat(checked.exitCode()).as(checked.err()).isZero();
            assertThat(checked.err()).doesNotContain("warning");
            assertThat(checked.out()).contains("sealed with key 'k1'");
            Cli.Result status = Cli.run("encryption", "status", "--url", node.url(), "--token", node.adminToken());
            assertThat(status.out()).as(status.err()).contains("encryption on, active key k1, keys k1")
                    .containsPattern("newest snapshot: snapshot\\.\\d+_\\d+ sealed with k1");
            assertThat(status.out()).doesNotContain(Files.readAllLines(keys).stream()
                    .filter(l -> l.startsWith("k1=")).findFirst().orElseThrow().substring(3));
        }
        Path snapshot;
        try (Stream<Path> files = Files.list(out)) {
            snapshot = files.filter(p -> p.getFileName().toString().startsWith("snapshot.")).findFirst().orElseThrow();
        }
        Cli.Result refused = Cli.run("restore", "--from", snapshot.toString(), "--data-dir",
                dir.resolve("restored").toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("key 'k1'").contains("encryption is not configured")
                .contains("--encryption-key-file");
        Cli.Result restored = Cli.run("restore", "--from", snapshot.toString(), "--data-dir",
                dir.resolve("restored").toString(), "--encryption-key-file", keys.toString());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
    }
}
