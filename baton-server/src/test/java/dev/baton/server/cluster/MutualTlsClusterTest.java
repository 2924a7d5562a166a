package dev.baton.server.cluster;

import static dev.baton.server.cluster.ClusterTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonNode;
import dev.baton.server.tls.NodeTls;
import dev.baton.server.tls.TestCerts;
import dev.baton.server.tls.TlsSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on loopback with HTTPS and mutual TLS between Raft peers: the cluster elects, forwards and
 * replicates; a peer whose certificate another CA signed cannot join nor receive the log, and a Raft client
 * without a valid certificate cannot read the group's state.
 */
class MutualTlsClusterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
            "baton".getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path root;
    LocalCluster cluster;
    HttpClient https;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void startMutualTlsCluster() throws Exception {
        Path certs = TestCerts.write(root.resolve("certs"), "n1", "n2", "n3", "n4");
        cluster = new LocalCluster(root, 3).tls(id -> TestCerts.settings(certs, id));
        https = HttpClient.newBuilder().sslContext(NodeTls.load(TestCerts.settings(certs, "n4")).peerClientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        cluster.startAll();
        String leader = awaitLeader();
        awaitTrue(() -> status(leader, "/v1/tasks?stale=true") == 200);
    }

    @Test
    void threeNodes_mutualTls_electForwardAndReplicate() throws Exception {
        startMutualTlsCluster();
        String leader = awaitLeader();
        String follower = cluster.running().keySet().stream().filter(id -> !id.equals(leader)).findFirst()
                .orElseThrow();

        HttpResponse<String> submitted = call(follower, "POST", "/v1/tasks", "{\"capability\":\"tls\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        assertThat(submitted.headers().firstValue("X-Baton-Leader")).hasValueSatisfying(
                url -> assertThat(url).startsWith("https://"));
        String taskId = JSON.readTree(submitted.body()).get("id").asText();
        for (String id : cluster.running().keySet()) {
            awaitTrue(() -> status(id, "/v1/tasks/" + taskId + "?stale=true") == 200);
        }
        JsonNode view = JSON.readTree(call(follower, "GET", "/v1/cluster", null).body());
        assertThat(view.get("nodes")).hasSize(3);
        view.get("nodes").forEach(n -> {
            assertThat(n.get("reachable").asBoolean()).as(n.toString()).isTrue();
            assertThat(n.get("url").asText()).startsWith("https://");
        });
    }

    @Test
    void peerWithCertificateFromAnotherCa_cannotJoinNorReceiveTheLog() throws Exception {
        startMutualTlsCluster();
        String leader = awaitLeader();
        call(leader, "POST", "/v1/tasks", "{\"capability\":\"secret-work\"}");
        Path rogueCerts = TestCerts.write(root.resolve("rogue"), "n4");
        Peer rogue = LocalCluster.freePeer("n4");
        List<Peer> members = new ArrayList<>(cluster.peers());
        members.add(rogue);
        cluster.tls(id -> TestCerts.settings(rogueCerts, id));
        BatonNode rogueNode = cluster.start(cluster.config(rogue, members, true));

        HttpResponse<String> added = call(leader, "POST", "/v1/cluster/nodes",
                "{\"id\":\"n4\",\"address\":\"127.0.0.1:" + rogue.httpPort() + ":" + rogue.raftPort() + "\"}");

        assertThat(added.statusCode()).as(added.body()).isGreaterThanOrEqualTo(500);
        JsonNode rogueReady = JSON.readTree(HttpClient.newBuilder().sslContext(NodeTls.load(
                TestCerts.settings(rogueCerts, "n4")).peerClientContext()).build().send(HttpRequest.newBuilder(
                URI.create(rogueNode.url() + "/ready")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(rogueReady.get("appliedIndex").asLong()).isLessThanOrEqualTo(0);
        assertThat(rogueReady.path("leader").isNull() || rogueReady.path("leader").isMissingNode()).isTrue();
        JsonNode view = JSON.readTree(call(leader, "GET", "/v1/cluster", null).body());
        assertThat(view.get("nodes").findValuesAsText("id")).containsExactlyInAnyOrder("n1", "n2", "n3");
    }

    @Test
    void raftClientWithoutValidCertificate_cannotReadTheGroup() throws Exception {
        startMutualTlsCluster();
        String leader = awaitLeader();
        Peer leaderPeer = cluster.peers().stream().filter(p -> p.id().equals(leader)).findFirst().orElseThrow();
        RaftPeer target = RaftPeer.newBuilder().setId(leader).setAddress(leaderPeer.raftAddress())
                .setAdminAddress(leaderPeer.raftAddress()).build();

        try (RaftClient valid = client(target, NodeTls.load(TestCerts.settings(root.resolve("certs"), "n4")))) {
            assertThat(valid.getGroupManagementApi(RaftPeerId.valueOf(leader)).info(GROUP_ID).getCommitInfos())
                    .isNotEmpty();
        }
        Path rogueCerts = TestCerts.write(root.resolve("rogue"), "n4");
        try (RaftClient rogue = client(target, NodeTls.load(TestCerts.settings(rogueCerts, "n4")))) {
            assertRefused(() -> rogue.getGroupManagementApi(RaftPeerId.valueOf(leader)).info(GROUP_ID));
        }
        try (RaftClient plain = client(target, null)) {
            assertRefused(() -> plain.getGroupManagementApi(RaftPeerId.valueOf(leader)).info(GROUP_ID));
        }
    }

    /** The call fails at the transport: an I/O error, or gRPC's UNAVAILABLE for a failed TLS handshake. */
    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).satisfiesAnyOf(
                e -> assertThat(e).isInstanceOf(java.io.IOException.class),
                e -> assertThat(e).isInstanceOfSatisfying(
                        org.apache.ratis.thirdparty.io.grpc.StatusRuntimeException.class,
                        s -> assertThat(s.getStatus().getCode()).isEqualTo(
                                org.apache.ratis.thirdparty.io.grpc.Status.Code.UNAVAILABLE)));
    }

    private static RaftClient client(RaftPeer target, NodeTls tls) {
        RaftProperties properties = new RaftProperties();
        org.apache.ratis.client.RaftClientConfigKeys.Rpc.setRequestTimeout(properties,
                org.apache.ratis.util.TimeDuration.valueOf(15, java.util.concurrent.TimeUnit.SECONDS));
        Parameters parameters = new Parameters();
        if (tls != null) {
            GrpcConfigKeys.TLS.setConf(parameters, tls.raftTlsConfig());
            GrpcConfigKeys.Admin.setTlsConf(parameters, tls.raftTlsConfig());
            GrpcConfigKeys.Client.setTlsConf(parameters, tls.raftTlsConfig());
        }
        return RaftClient.newBuilder().setProperties(properties).setParameters(parameters)
                .setRaftGroup(RaftGroup.valueOf(GROUP_ID, target))
                .setRetryPolicy(org.apache.ratis.retry.RetryPolicies.noRetry()).build();
    }

    private String awaitLeader() {
        String[] leader = new String[1];
        awaitTrue(() -> {
            for (String id : cluster.running().keySet()) {
                try {
                    HttpResponse<String> ready = call(id, "GET", "/ready", null);
                    JsonNode body = JSON.readTree(ready.body());
                    if (ready.statusCode() == 200 && body.hasNonNull("leader")
                            && body.get("leader").asText().equals(id)) {
                        leader[0] = id;
                        return true;
                    }
                } catch (Exception e) {
                    // not up yet
                }
            }
            return false;
        });
        return leader[0];
    }

    private int status(String id, String path) {
        try {
            return call(id, "GET", path, null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> call(String id, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.node(id).url() + path))
                .timeout(Duration.ofSeconds(90))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + LocalCluster.ADMIN_TOKEN);
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
