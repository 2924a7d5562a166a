package dev.baton.server.raft;

import dev.baton.core.codec.SnapshotCodec;
import dev.baton.server.NodeConfig;
import dev.baton.server.cluster.Peer;
import dev.baton.server.crypto.EntryCipher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.util.MD5FileUtil;

/**
 * Restores a snapshot backup into an empty data directory, offline: formats Raft storage with an empty log (no
 * configuration entry, no election), then puts the snapshot where the state machine loads it on start. The next
 * {@code baton server} on that directory starts from the snapshot's index with the peers it is given. Used by
 * {@code baton restore}.
 */
public final class SnapshotRestore {
    private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");

    private SnapshotRestore() {}

    /**
     * Restores {@code snapshotFile} (named {@code snapshot.<term>_<index>}, as Baton writes it) into {@code
     * dataDir}, which must not hold Raft data yet. Returns the index the restored node starts from. A sealed
     * snapshot is opened with {@code cipher} to check it and copied as it is (still sealed): the restored node needs
     * a key file holding its key.
     *
     * @throws dev.baton.server.crypto.SealedDataException when the snapshot is sealed and {@code cipher} cannot open
     *     it (no key file, unknown key id, wrong key)
     */
    public static long restore(Path snapshotFile, Path dataDir, EntryCipher cipher) throws IOException {
        Matcher name = NAME.matcher(snapshotFile.getFileName().toString());
        if (!name.matches()) {
            throw new IllegalArgumentException("'" + snapshotFile.getFileName() + "' is not a Baton snapshot name: "
                    + "expected snapshot.<term>_<index>, as in <dataDir>/raft/<group>/sm/");
        }
        byte[] bytes = Files.readAllBytes(snapshotFile);
        SnapshotCodec.decode(cipher.open(bytes)); // checks tag, magic, version and checksum before anything is written
        Path raftDir = dataDir.resolve("raft");
        if (Files.isDirectory(raftDir)) {
            try (var entries = Files.list(raftDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(raftDir + " already holds Raft data; restore into an empty "
                            + "data directory");
                }
            }
        }
        formatEmpty(dataDir);
        Path smDir;
        try (var groups = Files.list(raftDir)) {
            smDir = groups.filter(Files::isDirectory).findFirst().orElseThrow(
                    () -> new IOException("formatting " + raftDir + " created no group directory")).resolve("sm");
        }
        Files.createDirectories(smDir);
        Path target = smDir.resolve(snapshotFile.getFileName().toString());
        Files.copy(snapshotFile, target, StandardCopyOption.REPLACE_EXISTING);
        MD5FileUtil.computeAndSaveMd5ForFile(target.toFile());
        return Long.parseLong(name.group(2));
    }

    /** Formats Raft storage by starting and stopping a server outside any configuration (it writes no entry). */
    private static void formatEmpty(Path dataDir) throws IOException {
        Path raftDir = dataDir.resolve("raft");
        Files.createDirectories(raftDir);
        NodeConfig config = NodeConfig.singleNode(dataDir, 0, false).toBuilder()
                .cluster("n1", List.of(new Peer("n1", "127.0.0.1", 0, 0))).join(true).build();
        RaftServer server = RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf("restore"))
                .setGroup(RaftGroup.valueOf(RaftNode.GROUP_ID))
                .setProperties(RaftTuning.of(config, raftDir))
                .setStateMachine(new BaseStateMachine())
                .setOption(RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        server.close();
    }
}
