package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AuditChain;
import dev.baton.api.AuditRecord;
import dev.baton.client.BatonJson;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton keys} and {@code baton audit} against a real node: export the trail, verify it, and tamper with an
 * exported copy (edit, delete, reorder, recompute) — each alteration is detected and the entry named.
 */
class AuditCommandTest {
    @TempDir
    static Path dir;
    static BatonNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = BatonNode.start(NodeConfig.singleNode(dir.resolve("data"), 0, true));
        Cli.Result created = baton("keys", "create", "--name", "ci", "--role", "submitter", "--tenant", "acme",
                "-o", "json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String token = BatonJson.parse(created.out()).get("token").asText();
        for (int i = 0; i < 4; i++) {
            Cli.Result submitted = Cli.run("submit", "--capability", "audited.cap", "--url", node.url(), "--token", token);
            assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        }
        String keyId = BatonJson.parse(created.out()).get("id").asText();
        Cli.Result rotated = baton("keys", "rotate", keyId, "--grace-ms", "0");
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("token:");
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static Cli.Result baton(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", node.url(), "--token", node.adminToken()));
        return Cli.run(all.toArray(String[]::new));
    }

    private static List<String> exported() throws Exception {
        Cli.Result export = baton("audit", "export");
        assertThat(export.exitCode()).as(export.err()).isZero();
        return new ArrayList<>(export.out().lines().toList());
    }

    private static Cli.Result verifyFile(List<String> lines, String name, String... more) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, lines);
        List<String> args = new ArrayList<>(List.of("audit", "verify", "--file", file.toString()));
        args.addAll(List.of(more));
        return baton(args.toArray(String[]::new));
    }

    @Test
    void verify_intactClusterAndExport_pass() throws Exception {
        Cli.Result live = baton("audit", "verify");
        assertThat(live.exitCode()).as(live.out() + live.err()).isZero();
        assertThat(live.out()).contains("chain intact");
        List<String> lines = exported();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(6);
        Cli.Result file = verifyFile(lines, "intact.jsonl", "--against-cluster");
        assertThat(file.exitCode()).as(file.out()).isZero();
        Cli.Result listed = baton("audit", "list", "--principal", "ci", "--action", "POST /v1/tasks");
        assertThat(listed.out().lines().filter(l -> l.contains("tasks/t_"))).hasSize(4);
    }

    @Test
    void verify_editedEntry_isNamed() throws Exception {
        List<String> lines = exported();
        lines.set(2, lines.get(2).replace("\"outcome\":\"ok\"", "\"outcome\":\"forbidden\""));
        Cli.Result result = verifyFile(lines, "edited.jsonl");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(result.out()).contains("entry seq 3 (line 3").contains("was modified");
    }

    @Test
    void verify_deletedEntry_isNamed() throws Exception {
        List<String> lines = exported();
        lines.remove(3);
        Cli.Result result = verifyFile(lines, "deleted.jsonl");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(result.out()).contains("entry seq 4 was deleted");
    }

    @Test
    void verify_reorderedEntries_areNamed() throws Exception {
        List<String> lines = exported();
        String second = lines.get(1);
        lines.set(1, lines.get(2));
        lines.set(2, second);
        Cli.Result result = verifyFile(lines, "reordered.jsonl");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(result.out()).contains("entry seq 2 is out of order");
    }

    @Test
    void verify_recomputedChainAfterAnEdit_isCaughtAgainstTheCluster() throws Exception {
        List<String> lines = exported();
        List<AuditRecord> records = new ArrayList<>();
        for (String line : lines) {
            records.add(BatonJson.convert(BatonJson.parse(line), AuditRecord.class));
        }
        String prev = AuditChain.GENESIS;
        List<String> forged = new ArrayList<>();
        for (AuditRecord r : records) {
            AuditRecord edited = new AuditRecord(r.seq(), r.time(), r.keyId(), r.keyName(), r.role(), r.tenant(),
                    r.action(), r.resource(), r.seq() == 2 ? "not_found" : r.outcome(), r.requestId(), r.source(),
                    prev, null);
            AuditRecord signed = new AuditRecord(edited.seq(), edited.time(), edited.keyId(), edited.keyName(),
                    edited.role(), edited.tenant(), edited.action(), edited.resource(), edited.outcome(),
                    edited.requestId(), edited.source(), prev, AuditChain.hash(edited));
            forged.add(BatonJson.write(signed));
            prev = signed.hash();
        }
        assertThat(verifyFile(forged, "forged.jsonl").exitCode()).isZero();
        Cli.Result against = verifyFile(forged, "forged.jsonl", "--against-cluster");
        assertThat(against.exitCode()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(against.out()).contains("entry seq 2 differs from the cluster's");
    }
}
