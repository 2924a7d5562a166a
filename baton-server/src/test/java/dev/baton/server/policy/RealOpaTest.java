package dev.baton.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same decisions from a real {@code opa run --server}, when an {@code opa} binary is on the PATH. */
class RealOpaTest {
    static final String POLICY = """
            package baton
            default allow := false
            allow if input.principal.role == "admin"
            allow if {
                input.action == "POST /v1/tasks"
                every task in input.resource.tasks { task.capability != "forbidden" }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void realOpa_evaluatesTheDocumentedInputShape() throws Exception {
        Path opa = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(p -> Path.of(p, "opa")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(opa != null, "no opa binary on the PATH: the fake OPA tests cover the protocol; install "
                + "openpolicyagent's opa to run this one");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path policy = Files.writeString(dir.resolve("baton.rego"), POLICY);
        Process server = new ProcessBuilder(opa.toString(), "run", "--server", "--addr", "127.0.0.1:" + port,
                policy.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("opa.log").toFile()).start();
        try {
            PolicyPoint point = new PolicyPoint(new PolicySettings(URI.create("http://127.0.0.1:" + port), 2_000,
                    false, 0, 10));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (point.decide(input("admin", "forbidden")) == PolicyPoint.Decision.UNAVAILABLE
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(point.decide(input("admin", "forbidden"))).isEqualTo(PolicyPoint.Decision.ALLOWED);
            assertThat(point.decide(input("submitter", "echo"))).isEqualTo(PolicyPoint.Decision.ALLOWED);
            assertThat(point.decide(input("submitter", "forbidden"))).isEqualTo(PolicyPoint.Decision.DENIED);
        } finally {
            server.destroy();
        }
    }

    private static ObjectNode input(String role, String capability) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.putObject("principal").put("role", role);
        input.put("action", "POST /v1/tasks");
        input.putObject("resource").putArray("tasks").addObject().put("capability", capability);
        return input;
    }
}
