package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.server.cluster.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployCommandTest {
    static final Path DEPLOY = Path.of("..", "deploy");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void defaults_areTheFilesInTheRepository() throws Exception {
        assertThat(Cli.run("deploy", "kubernetes").out())
                .isEqualTo(Files.readString(DEPLOY.resolve("kubernetes/baton.yaml")));
        assertThat(Cli.run("deploy", "compose").out())
                .isEqualTo(Files.readString(DEPLOY.resolve("compose/docker-compose.yml")));
    }

    @Test
    void kubernetes_fiveNodes_elsewhere_peersNameEveryPodInTheNamespace() throws Exception {
        Cli.Result result = Cli.run("deploy", "kubernetes", "--nodes", "5", "--namespace", "prod", "--image",
                "registry.example/baton:1.0", "--memory", "3Gi", "--storage", "50Gi");
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(result.out()).readAll();
        JsonNode set = docs.stream().filter(d -> "StatefulSet".equals(d.path("kind").asText())).findFirst()
                .orElseThrow();
        assertThat(set.at("/spec/replicas").asInt()).isEqualTo(5);
        JsonNode container = set.at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asText()).isEqualTo("registry.example/baton:1.0");
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("3Gi");
        assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("1536Mi");
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText())
                .isEqualTo("50Gi");
        String peers = null;
        for (JsonNode env : container.path("env")) {
            if ("BATON_PEERS".equals(env.path("name").asText())) {
                peers = env.path("value").asText();
            }
        }
        assertThat(Peer.parseList(peers)).extracting(Peer::id)
                .containsExactly("baton-0", "baton-1", "baton-2", "baton-3", "baton-4");
        assertThat(Peer.parseList(peers)).allSatisfy(p -> assertThat(p.host()).endsWith(".baton-peers.prod.svc.cluster.local"));
        assertThat(result.out()).startsWith("# A 5-node Baton cluster on Kubernetes (namespace prod)")
                .contains("`baton deploy kubernetes --nodes 5 --image registry.example/baton:1.0 --namespace prod "
                        + "--storage 50Gi --memory 3Gi`");
    }

    @Test
    void compose_fiveNodes_portsFollowOn() throws Exception {
        Cli.Result result = Cli.run("deploy", "compose", "--nodes", "5", "--first-port", "9000");
        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode compose = YAML.readTree(result.out());
        assertThat(compose.path("services").size()).isEqualTo(5);
        assertThat(compose.at("/services/n5/ports/0").asText()).isEqualTo("9004:8080");
        assertThat(Peer.parseList(compose.at("/x-baton/environment/BATON_PEERS").asText())).hasSize(5);
    }

    @Test
    void badSizeOrNamespace_isAUsageError() {
        Cli.Result four = Cli.run("deploy", "kubernetes", "--nodes", "4");
        assertThat(four.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(four.err()).contains("--nodes must be 1, 3 or 5 (got 4)");
        Cli.Result namespace = Cli.run("deploy", "kubernetes", "--namespace", "Prod_1");
        assertThat(namespace.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(namespace.err()).contains("--namespace must be a Kubernetes name");
    }

    @Test
    void out_writesTheFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("baton.yaml");
        assertThat(Cli.run("deploy", "kubernetes", "--out", file.toString()).exitCode()).isZero();
        assertThat(Files.readString(file)).contains("kind: StatefulSet");
    }
}
