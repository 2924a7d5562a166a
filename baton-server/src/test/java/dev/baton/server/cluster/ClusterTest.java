package dev.baton.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonNode;
import dev.baton.server.raft.RaftSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Ratis clusters of 3-4 nodes in this JVM on loopback: election, follower forwarding, linearizable reads on
 * followers, leader loss, membership changes and snapshot install. Behaviour only; failover timing is measured by
 * the failover benchmark, not asserted here.
 */
class ClusterTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final long WAIT_MS = 30_000;

    @TempDir
    Path root;
    LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void threeNodes_followerForwardsWritesAndServesLinearizableReads() throws Exception {
        cluster = new LocalCluster(root, 3);
        cluster.startAll();
        String leader = awaitLeader();
        String follower = other(leader, null);
        String otherFollower = other(leader, follower);

        HttpResponse<String> submitted = call(follower, "POST", "/v1/tasks", "{\"capability\":\"echo\"}");
        assertThat(submitted.statusCode()).isEqualTo(201);
        assertThat(submitted.headers().firstValue("X-Baton-Leader")).contains(cluster.node(leader).url());
        String taskId = JSON.readTree(submitted.body()).get("id").asText();

        HttpResponse<String> read = call(otherFollower, "GET", "/v1/tasks/" + taskId, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("state").asText()).isEqualTo("queued");

        JsonNode view = JSON.readTree(call(follower, "GET", "/v1/cluster", null).body());
        assertThat(view.get("leader").asText()).isEqualTo(leader);
        assertThat(view.get("nodes")).hasSize(3);
        view.get("nodes").forEach(n -> assertThat(n.get("reachable").asBoolean()).as(n.toString()).isTrue());
        awaitSameDigest();
    }

    /**
     * The leader applies the commands it proposed as objects, the followers decode them from the log: the states
     * must still be equal, whatever the inputs hold (numbers of every width, unicode, nesting, labels, nulls).
     */
    @Test
    void leaderAppliesItsCommandsUndecoded_followersDecode_statesEqual() throws Exception {
        cluster = new LocalCluster(root, 3);
        cluster.startAll();
        String leader = awaitLeader();
        String follower = other(leader, null);
        String[] inputs = {"{\"n\":1,\"l\":12345678901,\"b\":123456789012345678901234567890,\"d\":0.1,"
                + "\"e\":1e300,\"neg\":-0.0}", "{\"s\":\"\u00fc \\ud83d\\ude00 \\u0000 \\\"q\\\"\",\"z\":null}",
                "[1,[2,[3,{\"x\":[]}]],{}]", "\"plain\"", "42", "null"};
        for (String input : inputs) {
            for (String node : List.of(leader, follower)) {
                HttpResponse<String> r = call(node, "POST", "/v1/tasks", "{\"capability\":\"mix\",\"priority\":4,"
                        + "\"labels\":{\"team\":\"\u00e9t\u00e9\"},\"input\":" + input + "}");
                assertThat(r.statusCode()).as(input + " -> " + r.body()).isEqualTo(201);
            }
        }
        HttpResponse<String> batch = call(leader, "POST", "/v1/tasks/batch", "{\"tasks\":[{\"capability\":\"mix\","
                + "\"input\":{\"f\":3.25}},{\"capability\":\"other\",\"maxAttempts\":2}]}");
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);
        awaitSameDigest();
    }

    @Test
    void leaderStops_remainingNodesElectAndAcceptWrites() throws Exception {
        cluster = new LocalCluster(root, 3);
        cluster.startAll();
        String leader = awaitLeader();
        String survivor = other(leader, null);
        cluster.stop(leader);

        HttpResponse<String> submitted = call(survivor, "POST", "/v1/tasks", "{\"capability\":\"echo\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        assertThat(awaitLeader()).isNotEqualTo(leader);

        cluster.start(leader);
        awaitSameDigest();
        assertThat(ready(leader)).isTrue();
    }

    @Test
    void leaderProcessGone_followerStartsElectionAtOnce_writesResume() throws Exception {
        // Election timeouts of 1-2 s against a 500 ms heartbeat: the crash watch (silence past one heartbeat, then
        // a refused connection) acts long before any follower's timeout could.
        cluster = new LocalCluster(root, 3, new RaftSettings(1_000, 2_000, 50, 1_000, 10_000, true));
        cluster.startAll();
        String leader = awaitLeader();
        String survivor = other(leader, null);
        String otherSurvivor = other(leader, survivor);
        awaitSameDigest();
        cluster.stop(leader);

        HttpResponse<String> submitted = call(survivor, "POST", "/v1/tasks", "{\"capability\":\"echo\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        assertThat(awaitLeader()).isNotEqualTo(leader);
        assertThat(crashElections(survivor) + crashElections(otherSurvivor)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void majorityLost_nodeIsNotReady_writesFailWithNoLeader_staleReadsStillAnswer() throws Exception {
        cluster = new LocalCluster(root, 3);
        cluster.startAll();
        String leader = awaitLeader();
        String taskId = JSON.readTree(call(leader, "POST", "/v1/tasks", "{\"capability\":\"echo\"}").body())
                .get("id").asText();
        String survivor = other(leader, null);
        awaitTrue(() -> {
            try {
                return call(survivor, "GET", "/v1/tasks/" + taskId + "?stale=true", null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        cluster.stop(leader);
        cluster.stop(other(leader, survivor));

        awaitTrue(() -> !ready(survivor));
        HttpResponse<String> write = call(survivor, "POST", "/v1/tasks", "{\"capability\":\"echo\"}");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
        assertThat(JSON.readTree(write.body()).get("type").asText()).endsWith("/no-leader");
        assertThat(write.headers().firstValue("Retry-After")).contains("1");
        assertThat(call(survivor, "GET", "/v1/tasks/" + taskId, null).statusCode()).isEqualTo(503);
        HttpResponse<String> stale = call(survivor, "GET", "/v1/tasks/" + taskId + "?stale=true", null);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stale.body()).get("id").asText()).isEqualTo(taskId);
    }

    @Test
    void membership_addJoiningNode_transferLeadership_removeOldLeader() throws Exception {
        cluster = new LocalCluster(root, 3);
        cluster.startAll();
        String leader = awaitLeader();
        submitTasks(leader, 20);

        Peer n4 = LocalCluster.freePeer("n4");
        cluster.start(cluster.config(n4, java.util.List.of(n4), true));
        HttpResponse<String> added = call(leader, "POST", "/v1/cluster/nodes",
                "{\"id\":\"n4\",\"address\":\"127.0.0.1:" + n4.httpPort() + ":" + n4.raftPort() + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(JSON.readTree(added.body()).get("nodes")).hasSize(4);

        HttpResponse<String> moved = call(other(leader, null), "POST", "/v1/cluster/leader", "{\"nodeId\":\"n4\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        awaitTrue(() -> "n4".equals(leaderSeenBy("n4")));

        HttpResponse<String> removed = call("n4", "DELETE", "/v1/cluster/nodes/" + leader, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(JSON.readTree(removed.body()).get("nodes")).hasSize(3);
        cluster.stop(leader);
        submitTasks("n4", 5);
        awaitSameDigest();
    }

    @Test
    void transferWithoutTarget_handsToAFollower_removingANonMemberIs404() throws Exception {
        cluster = new LocalCluster(root, 3);
        cluster.startAll();
        String leader = awaitLeader();
        submitTasks(leader, 3);

        HttpResponse<String> moved = call(leader, "POST", "/v1/cluster/leader", null);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        String newLeader = JSON.readTree(moved.body()).get("leader").asText();
        assertThat(newLeader).isNotEqualTo(leader);
        awaitTrue(() -> newLeader.equals(leaderSeenBy(leader)));

        HttpResponse<String> missing = call(leader, "DELETE", "/v1/cluster/nodes/n9", null);
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
    }

    @Test
    void wipedFollower_removedAndReAdded_catchesUpFromSnapshotInstall() throws Exception {
        cluster = new LocalCluster(root, 3);
        cluster.startAll();
        String leader = awaitLeader();
        String follower = other(leader, null);
        Peer peer = cluster.peers().stream().filter(p -> p.id().equals(follower)).findFirst().orElseThrow();
        cluster.stop(follower);
        HttpResponse<String> removed = call(leader, "DELETE", "/v1/cluster/nodes/" + follower, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        deleteRecursively(cluster.dataDir(follower));
        submitTasks(leader, 300);
        HttpResponse<String> snapshot = call(leader, "POST", "/v1/cluster/snapshot", null);
        assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(200);

        cluster.start(cluster.config(peer, java.util.List.of(peer), true));
        HttpResponse<String> added = call(leader, "POST", "/v1/cluster/nodes",
                "{\"id\":\"" + follower + "\",\"address\":\"127.0.0.1:" + peer.httpPort() + ":" + peer.raftPort()
                        + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        awaitSameDigest();
        JsonNode digest = JSON.readTree(call(follower, "GET", "/v1/cluster/digest", null).body());
        assertThat(digest.get("tasks").asInt()).isEqualTo(300);
    }

    // ---- helpers ----

    void submitTasks(String node, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r = call(node, "POST", "/v1/tasks", "{\"capability\":\"echo\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
    }

    String awaitLeader() {
        String[] leader = new String[1];
        awaitTrue(() -> {
            for (String id : cluster.running().keySet()) {
                String seen = leaderSeenBy(id);
                if (seen != null && cluster.running().containsKey(seen) && ready(seen) && adminKeyKnownEverywhere()) {
                    leader[0] = seen;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    /** The node's {@code baton_raft_crash_elections_total} counter. */
    double crashElections(String id) throws Exception {
        return call(id, "GET", "/metrics", null).body().lines()
                .filter(l -> l.startsWith("baton_raft_crash_elections_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    String leaderSeenBy(String id) {
        try {
            JsonNode ready = JSON.readTree(call(id, "GET", "/ready", null).body());
            return ready.hasNonNull("leader") ? ready.get("leader").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Whether every running node already holds the admin key the first leader stores; until then a request that
     * reaches a node first would be refused with 401 (a test stopping the first leader at once saw that).
     */
    boolean adminKeyKnownEverywhere() {
        for (String id : cluster.running().keySet()) {
            try {
                if (call(id, "GET", "/v1/agents?stale=true", null).statusCode() == 401) {
                    return false;
                }
            } catch (Exception e) {
                return false;
            }
        }
        return true;
    }

    boolean ready(String id) {
        try {
            return call(id, "GET", "/ready", null).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    String other(String not1, String not2) {
        return cluster.running().keySet().stream().filter(id -> !id.equals(not1) && !id.equals(not2)).findFirst()
                .orElseThrow();
    }

    void awaitSameDigest() {
        awaitTrue(() -> {
            Set<String> digests = new HashSet<>();
            for (String id : cluster.running().keySet()) {
                try {
                    digests.add(JSON.readTree(call(id, "GET", "/v1/cluster/digest", null).body()).get("digest")
                            .asText());
                } catch (Exception e) {
                    return false;
                }
            }
            return digests.size() == 1;
        });
    }

    static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition not met within " + WAIT_MS + " ms")
                    .isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    HttpResponse<String> call(String id, String method, String path, String body) throws Exception {
        BatonNode node = cluster.node(id);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + LocalCluster.ADMIN_TOKEN);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
