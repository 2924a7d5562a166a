package dev.baton.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes deployment files for an N-node cluster: Kubernetes manifests (from the {@code deploy/kubernetes.yaml}
 * template on the classpath) and a docker-compose file. The files under the repository's {@code deploy/} are this
 * class's output for the defaults ({@code DeployCommandTest} keeps them in step), so there is one source.
 */
final class DeployManifests {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    static final int HTTP_PORT = 8080;
    static final int RAFT_PORT = 18080;

    /** What varies between clusters; {@code args} is the command line that produced them, for the header. */
    record Kubernetes(int nodes, String namespace, String image, String storage, String cpu, String memory,
                      String args) {}

    record Compose(int nodes, String image, int firstPort, String args) {}

    private DeployManifests() {}

    static String kubernetes(Kubernetes k) {
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < k.nodes(); i++) {
            peers.add(String.format("                baton-%d=baton-%d.baton-peers.%s.svc.cluster.local:%d:%d", i, i,
                    k.namespace(), HTTP_PORT, RAFT_PORT));
        }
        return fill(template("deploy/kubernetes.yaml"), Map.of(
                "nodes", Integer.toString(k.nodes()),
                "last", Integer.toString(k.nodes() - 1),
                "namespace", k.namespace(),
                "args", k.args(),
                "peers", String.join(",\n", peers),
                "image", k.image(),
                "cpu", k.cpu(),
                "memory", k.memory(),
                "memoryRequest", halfOf(k.memory()),
                "storage", k.storage()));
    }

    static String compose(Compose c) {
        StringBuilder peers = new StringBuilder();
        for (int i = 1; i <= c.nodes(); i++) {
            peers.append(i > 1 ? "," : "").append("n").append(i).append("=n").append(i).append(':').append(HTTP_PORT)
                    .append(':').append(RAFT_PORT);
        }
        StringBuilder out = new StringBuilder();
        out.append("# A ").append(c.nodes()).append("-node Baton cluster on one Docker host, written by `baton deploy "
                + "compose").append(c.args()).append("`.\n")
                .append("""
                        #   export BATON_ADMIN_TOKEN=$(openssl rand -hex 24)
                        #   docker compose -f docker-compose.yml up -d --build
                        #   curl -s -H "Authorization: Bearer $BATON_ADMIN_TOKEN" http://127.0.0.1:%d/v1/cluster
                        #   docker compose -f docker-compose.yml kill n1     # watch another node take over
                        # Every node lists the same peers (id=host:httpPort:raftPort) and names itself with BATON_NODE_ID.
                        # The build context assumes this file sits in deploy/compose/ of the repository.

                        x-baton: &baton
                          build:
                            context: ../..
                            dockerfile: deploy/docker/Dockerfile
                          image: %s
                          restart: unless-stopped
                          environment: &baton-env
                            BATON_ADMIN_TOKEN: ${BATON_ADMIN_TOKEN:?set BATON_ADMIN_TOKEN to a long random string}
                            BATON_PEERS: %s
                            BATON_LOG_FORMAT: json

                        services:
                        """.formatted(c.firstPort(), c.image(), peers));
        for (int i = 1; i <= c.nodes(); i++) {
            out.append("""
                      n%1$d:
                        <<: *baton
                        hostname: n%1$d
                        environment:
                          <<: *baton-env
                          BATON_NODE_ID: n%1$d
                        ports: ["%2$d:%3$d"]
                        volumes: ["n%1$d-data:/var/lib/baton"]
                    """.formatted(i, c.firstPort() + i - 1, HTTP_PORT));
        }
        out.append("\nvolumes:\n");
        for (int i = 1; i <= c.nodes(); i++) {
            out.append("  n").append(i).append("-data: {}\n");
        }
        return out.toString();
    }

    /** Half of a Kubernetes quantity such as {@code 2Gi} or {@code 1536Mi}, in Mi (the memory request). */
    static String halfOf(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        if (!m.matches()) {
            throw new IllegalArgumentException("--memory must look like 2Gi or 1536Mi, got '" + quantity + "'");
        }
        long mi = Long.parseLong(m.group(1)) * ("Gi".equals(m.group(2)) ? 1024 : 1);
        return mi % 2048 == 0 ? (mi / 2048) + "Gi" : (mi / 2) + "Mi";
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the template names an unknown value " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String template(String resource) {
        try (InputStream in = DeployManifests.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
