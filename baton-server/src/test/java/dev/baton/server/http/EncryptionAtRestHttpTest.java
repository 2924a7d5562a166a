package dev.baton.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.server.BatonNode;
import dev.baton.server.NodeConfig;
import dev.baton.server.crypto.DataDirScan;
import dev.baton.server.crypto.EncryptionSettings;
import dev.baton.server.crypto.KeyFiles;
import dev.baton.server.crypto.SealedBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest through a real node: task input and output never reach the data directory in the clear, the
 * same run without a key file shows the scan finds them, a key rotated while the node runs seals what follows, and
 * after a restart every task reads back.
 */
class EncryptionAtRestHttpTest {
    @TempDir
    Path root;

    NodeConfig config(Path dataDir, Path keyFile) {
        NodeConfig plain = NodeConfig.singleNode(dataDir, 0, true);
        return keyFile == null ? plain : plain.toBuilder().encryption(new EncryptionSettings(keyFile, 100)).build();
    }

    @Test
    void sealed_dataDirHoldsNeitherInputNorOutput() throws Exception {
        Path keyFile = root.resolve("keys");
        KeyFiles.addKey(keyFile, "k1", true);
        Path dataDir = root.resolve("data");
        Markers markers = new Markers();
        try (TestNode node = TestNode.start(config(dataDir, keyFile))) {
            String taskId = runTask(node, markers.input, markers.output);
            node.adminJson("POST", "/v1/cluster/snapshot", null, 200);
            JsonNode status = node.adminJson("GET", "/v1/cluster/encryption", null, 200);
            assertThat(status.get("enabled").asBoolean()).isTrue();
            assertThat(status.get("activeKeyId").asText()).isEqualTo("k1");
            assertThat(status.get("latestSnapshot").get("keyId").asText()).isEqualTo("k1");
            assertThat(status.toString()).doesNotContain(keyValue(keyFile, "k1"));
            assertThat(readTask(node, taskId)).contains(markers.input).contains(markers.output);
        }
        assertThat(DataDirScan.filesHolding(dataDir, markers.input)).isEmpty();
        assertThat(DataDirScan.filesHolding(dataDir, markers.output)).isEmpty();
        assertThat(SealedBytes.keyId(newestSnapshot(dataDir))).contains("k1");
    }

    @Test
    void plain_dataDirHoldsInputAndOutput_soTheScanFindsThem() throws Exception {
        Path dataDir = root.resolve("data");
        Markers markers = new Markers();
        try (TestNode node = TestNode.start(config(dataDir, null))) {
            runTask(node, markers.input, markers.output);
            node.adminJson("POST", "/v1/cluster/snapshot", null, 200);
            JsonNode status = node.adminJson("GET", "/v1/cluster/encryption", null, 200);
            assertThat(status.get("enabled").asBoolean()).isFalse();
            assertThat(status.get("latestSnapshot").get("keyId").isNull()).isTrue();
        }
        assertThat(DataDirScan.filesHolding(dataDir, markers.input)).isNotEmpty();
        assertThat(DataDirScan.filesHolding(dataDir, markers.output)).isNotEmpty();
        assertThat(SealedBytes.keyId(newestSnapshot(dataDir))).isEmpty();
    }

    @Test
    void rotation_newActiveKeyWhileRunning_sealsWhatFollows_andEveryTaskReadsAfterRestart() throws Exception {
        Path keyFile = root.resolve("keys");
        KeyFiles.addKey(keyFile, "k1", true);
        Path dataDir = root.resolve("data");
        List<Markers> all = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (TestNode node = TestNode.start(config(dataDir, keyFile))) {
            all.add(new Markers());
            ids.add(runTask(node, all.getLast().input, all.getLast().output));
            node.adminJson("POST", "/v1/cluster/snapshot", null, 200);

            KeyFiles.addKey(keyFile, "k2", false);
            KeyFiles.activate(keyFile, "k2");
            awaitActiveKey(node, "k2");

            all.add(new Markers());
            ids.add(runTask(node, all.getLast().input, all.getLast().output));
            node.adminJson("POST", "/v1/cluster/snapshot", null, 200);
            assertThat(node.adminJson("GET", "/v1/cluster/encryption", null, 200).get("latestSnapshot").get("keyId")
                    .asText()).isEqualTo("k2");
            all.add(new Markers());
            ids.add(runTask(node, all.getLast().input, all.getLast().output));
        }
        assertThat(SealedBytes.keyId(newestSnapshot(dataDir))).contains("k2");
        try (TestNode node = TestNode.start(config(dataDir, keyFile))) {
            for (int i = 0; i < ids.size(); i++) {
                assertThat(readTask(node, ids.get(i))).contains(all.get(i).input).contains(all.get(i).output);
            }
        }
        for (Markers markers : all) {
            assertThat(DataDirScan.filesHolding(dataDir, markers.input)).isEmpty();
            assertThat(DataDirScan.filesHolding(dataDir, markers.output)).isEmpty();
        }
    }

    @Test
    void switchingOn_existingPlainDataStaysReadable_andNewDataIsSealed() throws Exception {
        Path dataDir = root.resolve("data");
        Markers before = new Markers();
        String plainTask;
        try (TestNode node = TestNode.start(config(dataDir, null))) {
            plainTask = runTask(node, before.input, before.output);
        }
        Path keyFile = root.resolve("keys");
        KeyFiles.addKey(keyFile, "k1", true);
        Markers after = new Markers();
        try (TestNode node = TestNode.start(config(dataDir, keyFile))) {
            assertThat(readTask(node, plainTask)).contains(before.input);
            String sealedTask = runTask(node, after.input, after.output);
            assertThat(readTask(node, sealedTask)).contains(after.output);
        }
        assertThat(DataDirScan.filesHolding(dataDir, after.input)).isEmpty();
        assertThat(DataDirScan.filesHolding(dataDir, after.output)).isEmpty();
    }

    @Test
    void restart_withoutTheKey_refusesToStartAndNamesTheKey() throws Exception {
        Path keyFile = root.resolve("keys");
        KeyFiles.addKey(keyFile, "k1", true);
        Path dataDir = root.resolve("data");
        try (TestNode node = TestNode.start(config(dataDir, keyFile))) {
            runTask(node, "a", "b");
            node.adminJson("POST", "/v1/cluster/snapshot", null, 200);
        }
        Path otherKeys = root.resolve("other-keys");
        KeyFiles.addKey(otherKeys, "k9", true);
        assertThatThrownBy(() -> BatonNode.start(config(dataDir, otherKeys)).close())
                .hasStackTraceContaining("key 'k1'").hasStackTraceContaining("encryption.keyFile");
        assertThatThrownBy(() -> BatonNode.start(config(dataDir, null)).close())
                .hasStackTraceContaining("encryption is not configured");
    }

    /** Unique strings to find in the data directory. */
    static final class Markers {
        final String input = "in-" + UUID.randomUUID();
        final String output = "out-" + UUID.randomUUID();
    }

    /** Submits a task whose input holds {@code input}, runs it as an agent and completes it with {@code output}. */
    static String runTask(TestNode node, String input, String output) throws Exception {
        String agentId = node.adminJson("POST", "/v1/agents", "{\"name\":\"enc\",\"capabilities\":[\"enc\"],"
                + "\"maxConcurrency\":4}", 201).get("id").asText();
        String taskId = node.adminJson("POST", "/v1/tasks", "{\"capability\":\"enc\",\"input\":{\"text\":\"" + input
                + "\"}}", 201).get("id").asText();
        JsonNode polled = node.adminJson("POST", "/v1/agents/" + agentId + "/poll", "{\"max\":1,\"waitMs\":5000}", 200);
        int attempt = polled.get("tasks").get(0).get("attempt").asInt();
        node.adminJson("POST", "/v1/agents/" + agentId + "/results", "{\"results\":[{\"taskId\":\"" + taskId
                + "\",\"attempt\":" + attempt + ",\"status\":\"succeeded\",\"output\":{\"text\":\"" + output
                + "\"}}]}", 200);
        assertThat(node.adminJson("GET", "/v1/tasks/" + taskId + "?waitMs=5000", null, 200).get("state").asText())
                .isEqualTo("succeeded");
        return taskId;
    }

    static String readTask(TestNode node, String taskId) throws Exception {
        return node.adminJson("GET", "/v1/tasks/" + taskId, null, 200).toString();
    }

    static void awaitActiveKey(TestNode node, String keyId) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (node.adminJson("GET", "/v1/cluster/encryption", null, 200).get("activeKeyId").asText().equals(keyId)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the node did not pick up active key " + keyId + " from its key file");
    }

    static Path newestSnapshot(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("raft"))) {
            return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().split("_")[1])))
                    .orElseThrow();
        }
    }

    static String keyValue(Path keyFile, String id) throws Exception {
        return Files.readAllLines(keyFile).stream().filter(l -> l.startsWith(id + "=")).findFirst().orElseThrow()
                .substring(id.length() + 1);
    }
}
