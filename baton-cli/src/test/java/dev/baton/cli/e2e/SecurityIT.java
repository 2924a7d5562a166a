package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant keys, rotation and the audit trail through the real jar, as an operator meets them: a tenant key submits
 * only into its tenant and cannot see another tenant's task, a rotated-out token stops, and {@code baton audit
 * export} / {@code verify} pass on the real trail and name an entry edited in the exported copy.
 */
class SecurityIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void tenantKeys_rotation_andAuditVerify_throughTheJar() throws Exception {
        int port = BatonProcess.freePort();
        try (BatonProcess node = BatonProcess.dev(dataDir, port, "--demo-agents", "0")) {
            String admin = Files.readString(dataDir.resolve("admin.token")).strip();
            var acme = JSON.readTree(ok(node, admin, "keys", "create", "--name", "acme-ci", "--role", "submitter",
                    "--tenant", "acme", "-o", "json"));
            var globex = JSON.readTree(ok(node, admin, "keys", "create", "--name", "globex-ci", "--role",
                    "submitter", "--tenant", "globex", "-o", "json"));
            String acmeToken = acme.get("token").asText();

            var task = JSON.readTree(ok(node, acmeToken, "submit", "--capability", "secured", "-o", "json"));
            assertThat(task.get("tenant").asText()).isEqualTo("acme");
            BatonProcess.Result otherTenant = cli(node, acmeToken, "submit", "--capability", "secured", "--tenant",
                    "globex");
            assertThat(otherTenant.exitCode()).as(otherTenant.output()).isEqualTo(4);
            BatonProcess.Result hidden = cli(node, globex.get("token").asText(), "tasks", "get",
                    task.get("id").asText());
            assertThat(hidden.exitCode()).as(hidden.output()).isEqualTo(5);
            assertThat(hidden.output()).contains("does not exist");

            ok(node, admin, "keys", "rotate", acme.get("id").asText(), "--grace-ms", "0");
            assertThat(cli(node, acmeToken, "tasks", "list").exitCode()).isEqualTo(4);

            assertThat(ok(node, admin, "audit", "verify")).contains("chain intact");
            List<String> lines = ok(node, admin, "audit", "export").lines().toList();
            assertThat(lines).anyMatch(l -> l.contains("\"keyName\":\"acme-ci\"") && l.contains("\"forbidden\""));
            Path copy = dataDir.resolve("audit.jsonl");
            Files.write(copy, lines);
            assertThat(ok(node, admin, "audit", "verify", "--file", copy.toString())).contains("chain intact");
            String edited = lines.get(1).replace("\"outcome\":\"ok\"", "\"outcome\":\"not_found\"");
            assertThat(edited).isNotEqualTo(lines.get(1));
            Files.write(copy, List.of(lines.get(0), edited));
            BatonProcess.Result tampered = cli(node, admin, "audit", "verify", "--file", copy.toString());
            assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(7);
            assertThat(tampered.output()).contains("entry seq 2 (line 2").contains("was modified");
        }
    }

    private static String ok(BatonProcess node, String token, String... args) throws Exception {
        BatonProcess.Result result = cli(node, token, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.output()).isZero();
        return result.output();
    }

    private static BatonProcess.Result cli(BatonProcess node, String token, String... args) throws Exception {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = node.url();
        all[args.length + 2] = "--token";
        all[args.length + 3] = token;
        return BatonProcess.cli(all);
    }
}
