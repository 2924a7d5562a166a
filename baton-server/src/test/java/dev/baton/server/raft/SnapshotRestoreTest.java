package dev.baton.server.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.crypto.EntryCipher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot backup restored into an empty data directory starts a node with the same state. */
class SnapshotRestoreTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path root;

    @Test
    void restore_intoEmptyDir_startsWithTheSameStateAndAcceptsWrites() throws Exception {
        Path original = root.resolve("original");
        String digest;
        try (BatonNode node = BatonNode.start(NodeConfig.singleNode(original, 0, true))) {
            for (int i = 0; i < 5; i++) {
                assertThat(call(node, "POST", "/v1/tasks", "{\"capability\":\"backup\"}").statusCode()).isEqualTo(201);
            }
            assertThat(call(node, "POST", "/v1/cluster/snapshot", null).statusCode()).isEqualTo(200);
            digest = digestOf(call(node, "GET", "/v1/cluster/digest", null).body());
        }
        Path backup = newestSnapshot(original);
        Path restored = root.resolve("restored");
        Files.copy(original.resolve("admin.token"), Files.createDirectories(restored).resolve("admin.token"));

        long index = SnapshotRestore.restore(backup, restored, EntryCipher.plain());

        assertThat(index).isPositive();
        try (BatonNode node = BatonNode.start(NodeConfig.singleNode(restored, 0, true))) {
            assertThat(digestOf(call(node, "GET", "/v1/cluster/digest", null).body())).isEqualTo(digest);
            assertThat(call(node, "POST", "/v1/tasks", "{\"capability\":\"backup\"}").statusCode()).isEqualTo(201);
        }
    }

    @Test
    void restore_intoDirWithRaftData_isRefused() throws Exception {
        Path original = root.resolve("original");
        try (BatonNode node = BatonNode.start(NodeConfig.singleNode(original, 0, true))) {
            call(node, "POST", "/v1/cluster/snapshot", null);
        }
        assertThatThrownBy(() -> SnapshotRestore.restore(newestSnapshot(original), original, EntryCipher.plain()))
                .hasMessageContaining("already holds Raft data");
    }

    @Test
    void restore_fileNotNamedLikeASnapshot_isRefused() throws Exception {
        Path file = Files.writeString(root.resolve("backup.bin"), "x");
        assertThatThrownBy(() -> SnapshotRestore.restore(file, root.resolve("new"), EntryCipher.plain()))
                .hasMessageContaining("snapshot.<term>_<index>");
    }

    static Path newestSnapshot(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("raft"))) {
            return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().split("_")[1])))
                    .orElseThrow();
        }
    }

    static String digestOf(String json) {
        return json.replaceAll(".*\"digest\":\"([0-9a-f]+)\".*", "$1");
    }

    static HttpResponse<String> call(BatonNode node, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Authorization", "Bearer " + node.adminToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
