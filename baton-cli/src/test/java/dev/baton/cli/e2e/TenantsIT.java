package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets through the real jar, as an operator meets them: {@code baton tenants set} gives a tenant a budget, a
 * {@code baton agent} that costs 2 per task spends it, the next {@code baton submit} is refused with the
 * budget-exhausted problem, and {@code baton tenants get} shows the spend.
 */
class TenantsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void budget_spentByAPaidAgent_refusesTheNextSubmission() throws Exception {
        int port = BatonProcess.freePort();
        try (BatonProcess node = BatonProcess.dev(dataDir, port, "--demo-agents", "0")) {
            String token = Files.readString(dataDir.resolve("admin.token")).strip();
            String[] client = {"--url", node.url(), "--token", token};

            BatonProcess.Result set = BatonProcess.cliWith(client, "tenants", "set", "acme", "--budget", "4", "--period", "day",
                    "--weight", "2");
            assertThat(set.exitCode()).as(set.output()).isZero();
            assertThat(set.output()).contains("budget", "4");

            Process agent = BatonProcess.jar(Map.of(), "agent", "--demo", "-c", "echo", "--cost-per-task", "2",
                    "--tier", "premium", "--url", node.url(), "--token", token).start();
            try {
                for (int i = 0; i < 2; i++) {
                    BatonProcess.Result ran = BatonProcess.cliWith(client, "submit", "--capability", "echo", "--tenant", "acme",
                            "--input", "{\"n\":" + i + "}", "--wait");
                    assertThat(ran.exitCode()).as(ran.output()).isZero();
                }
                BatonProcess.Result refused = BatonProcess.cliWith(client, "submit", "--capability", "echo", "--tenant", "acme",
                        "--input", "{}");
                assertThat(refused.exitCode()).as(refused.output()).isEqualTo(5);
                assertThat(refused.output()).contains("tenant 'acme' has spent 4 of its budget of 4");

                BatonProcess.Result shown = BatonProcess.cliWith(client, "tenants", "get", "acme", "-o", "json");
                JsonNode tenant = JSON.readTree(shown.output());
                assertThat(tenant.get("spend").asDouble()).isEqualTo(4.0);
                assertThat(tenant.get("held").asBoolean()).isTrue();
                assertThat(tenant.get("weight").asInt()).isEqualTo(2);
            } finally {
                agent.destroy();
                agent.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
