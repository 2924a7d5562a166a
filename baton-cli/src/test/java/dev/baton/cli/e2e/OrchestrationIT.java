package dev.baton.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strategies, feedback and breakers through the real jar, as docs/orchestration.md shows them: three
 * {@code baton agent --exec} voters (one wrong) decide a {@code baton submit --strategy consensus}; feedback is
 * accepted once; an agent that always fails opens its breaker in {@code baton agents}.
 */
class OrchestrationIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void consensusOfThreeExecAgents_feedback_andAnOpenBreaker() throws Exception {
        int port = BatonProcess.freePort();
        try (BatonProcess node = BatonProcess.dev(dataDir, port, "--demo-agents", "0")) {
            String token = Files.readString(dataDir.resolve("admin.token")).strip();
            String[] client = {"--url", node.url(), "--token", token};
            List<Process> agents = new ArrayList<>();
            try {
                for (String answer : List.of("{\"answer\":42}", "{\"answer\": 42.0}", "{\"answer\":41}")) {
                    agents.add(BatonProcess.jar(Map.of(), "agent", "--capability", "vote", "--exec",
                            "echo '" + answer + "'", "--url", node.url(), "--token", token).start());
                }
                agents.add(BatonProcess.jar(Map.of(), "agent", "--name", "broken", "--capability", "wc", "--exec",
                        "exit 3", "--url", node.url(), "--token", token).start());

                BatonProcess.Result voted = BatonProcess.cliWith(client, "submit", "--capability", "vote", "--input", "{\"q\":1}",
                        "--strategy", "consensus", "--agents", "3", "--quorum", "2", "--compare", "json", "--wait",
                        "--timeout", "120s", "-o", "json");
                assertThat(voted.exitCode()).as(voted.output()).isZero();
                JsonNode task = JSON.readTree(voted.output());
                assertThat(task.get("state").asText()).isEqualTo("succeeded");
                assertThat(task.get("result").get("answer").asDouble()).isEqualTo(42.0);
                assertThat(task.get("attempts")).hasSizeGreaterThanOrEqualTo(2);

                String id = task.get("id").asText();
                BatonProcess.Result feedback = BatonProcess.cliWith(client, "tasks", "feedback", id, "--score", "0.9");
                assertThat(feedback.exitCode()).as(feedback.output()).isZero();
                assertThat(feedback.output()).contains("credited to 2 agent(s)");
                assertThat(BatonProcess.cliWith(client, "tasks", "feedback", id, "--score", "0.1").exitCode()).isEqualTo(5);

                for (int i = 0; i < 5; i++) {
                    assertThat(BatonProcess.cliWith(client, "submit", "--capability", "wc", "--input", "{}", "--max-attempts", "1",
                            "--wait", "--timeout", "60s").exitCode()).isEqualTo(1);
                }
                BatonProcess.Result listed = BatonProcess.cliWith(client, "agents");
                assertThat(listed.output()).containsPattern("broken\\s+ready\\s+open \\(5 failures in a row");
            } finally {
                for (Process agent : agents) {
                    agent.destroy();
                    agent.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }
}
