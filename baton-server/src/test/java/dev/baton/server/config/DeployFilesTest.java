package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.cluster.Peer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files in {@code deploy/} against the code: every {@code BATON_*} variable they set is a real setting, the
 * Kubernetes peers parse, and every metric the Prometheus rules and the Grafana dashboard use is exported by a
 * live node that has done some work. (No Docker engine or Kubernetes here: this is what can be checked without.)
 */
class DeployFilesTest {
    static final Path DEPLOY = Path.of("..", "deploy");
    static final Pattern ENV = Pattern.compile("\\bBATON_[A-Z0-9_]+\\b");
    static final Pattern METRIC = Pattern.compile("\\b((?:baton|jvm|process)_[a-z0-9_]+)\\b");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void everyBatonVariableInDeployFiles_isARealSetting() throws Exception {
        Set<String> unknown = new TreeSet<>();
        for (Path file : deployFiles()) {
            Matcher m = ENV.matcher(Files.readString(file));
            while (m.find()) {
                if (ConfigKey.byEnv(m.group()).isEmpty()) {
                    unknown.add(m.group() + " in " + file);
                }
            }
        }
        assertThat(unknown).as("BATON_* names that no setting reads").isEmpty();
    }

    @Test
    void kubernetesPeers_parse_andMatchTheStatefulSetPodNames() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> documents = yaml.readerFor(JsonNode.class)
                .<JsonNode>readValues(Files.readString(DEPLOY.resolve("kubernetes/baton.yaml"))).readAll();
        JsonNode statefulSet = documents.stream().filter(d -> "StatefulSet".equals(d.path("kind").asText()))
                .findFirst().orElseThrow();
        int replicas = statefulSet.path("spec").path("replicas").asInt();
        String name = statefulSet.path("metadata").path("name").asText();
        String peers = null;
        for (JsonNode env : statefulSet.at("/spec/template/spec/containers/0/env")) {
            if ("BATON_PEERS".equals(env.path("name").asText())) {
                peers = env.path("value").asText();
            }
        }
        assertThat(peers).isNotNull();
        List<Peer> parsed = Peer.parseList(peers);
        assertThat(parsed).extracting(Peer::id).containsExactlyElementsOf(
                Stream.iterate(0, i -> i + 1).limit(replicas).map(i -> name + "-" + i).toList());
        assertThat(parsed).allSatisfy(p -> assertThat(p.raftPort()).isEqualTo(p.httpPort() + Peer.RAFT_PORT_OFFSET));
    }

    @Test
    void everyMetricInAlertsAndDashboard_isExportedByALiveNode() throws Exception {
        Set<String> used = new TreeSet<>();
        for (String file : List.of("prometheus/baton-rules.yml", "grafana/baton-dashboard.json")) {
            Matcher m = METRIC.matcher(Files.readString(DEPLOY.resolve(file)));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).contains("baton_raft_is_leader", "baton_ready", "baton_queue_depth");
        try (BatonNode node = BatonNode.start(NodeConfig.singleNode(dataDir, 0, true))) {
            exercise(node);
            Set<String> exported = scrapeUntilGcSeen(node);
            assertThat(used.stream().filter(name -> !exported.contains(name)).collect(Collectors.toList()))
                    .as("metrics used by deploy/ but not exported").isEmpty();
            String afterGc = HTTP.send(request(node, "/metrics").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(afterGc.lines().filter(l -> l.startsWith("baton_ready ")))
                    .as("gauges keep their value after a GC").containsExactly("baton_ready 1.0");
        }
    }

    /** Submits, leases, completes and rejects, so the lazily created series exist. */
    private static void exercise(BatonNode node) throws Exception {
        String agent = post(node, "/v1/agents", "{\"name\":\"d\",\"capabilities\":[\"deploy-test\"],\"maxConcurrency\":2}")
                .path("id").asText();
        String task = post(node, "/v1/tasks", "{\"capability\":\"deploy-test\"}").path("id").asText();
        post(node, "/v1/agents/" + agent + "/poll", "{\"max\":1,\"waitMs\":2000}");
        String result = "{\"results\":[{\"taskId\":\"" + task + "\",\"attempt\":1,\"status\":\"succeeded\",\"output\":{}}]}";
        post(node, "/v1/agents/" + agent + "/results", result);
        post(node, "/v1/agents/" + agent + "/results", result.replace("\"attempt\":1", "\"attempt\":7"));
        post(node, "/v1/tasks", "{\"capability\":\"nobody-serves-this\"}");
        HTTP.send(request(node, "/v1/tasks/nope").GET().build(), HttpResponse.BodyHandlers.discarding());
    }

    private static Set<String> scrapeUntilGcSeen(BatonNode node) throws Exception {
        Set<String> names = Set.of();
        for (int i = 0; i < 50; i++) {
            System.gc();
            String text = HTTP.send(request(node, "/metrics").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            names = text.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
            Set<String> withFamilies = new TreeSet<>(names);
            for (String n : names) {
                for (String suffix : List.of("_bucket", "_count", "_sum", "_max", "_total")) {
                    if (n.endsWith(suffix)) {
                        withFamilies.add(n.substring(0, n.length() - suffix.length()));
                    }
                }
            }
            names = withFamilies;
            if (names.contains("jvm_gc_pause_seconds_sum")) {
                break;
            }
            Thread.sleep(100);
        }
        return names;
    }

    private static JsonNode post(BatonNode node, String path, String body) throws Exception {
        String reply = HTTP.send(request(node, path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new ObjectMapper().readTree(reply);
    }

    private static HttpRequest.Builder request(BatonNode node, String path) {
        return HttpRequest.newBuilder(URI.create(node.url() + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + node.adminToken());
    }

    private static List<Path> deployFiles() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(DEPLOY)) {
            paths.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        return files;
    }
}
