package dev.baton.api;

import java.util.List;

/**
 * Reply of {@code GET /v1/cluster/encryption}: what the answering node seals its Raft log entries and snapshots
 * with. Key ids only, never key material.
 *
 * @param node the id of the node that answered
 * @param enabled whether new log entries and snapshots are sealed ({@code encryption.keyFile} is set)
 * @param keyFile the key file's path, or null
 * @param activeKeyId the key that seals new data, or null
 * @param keyIds every key id the node can open with
 * @param reloads how many times a changed key file was loaded since the node started
 * @param latestSnapshot the node's newest snapshot file, or null when it has none
 */
public record EncryptionView(String node, boolean enabled, String keyFile, String activeKeyId, List<String> keyIds,
                             long reloads, SnapshotKey latestSnapshot) {
    /**
     * A snapshot file and the key that sealed it.
     *
     * @param keyId the key id in the file's sealed header, or null for a plain snapshot
     */
    public record SnapshotKey(String name, long index, String keyId) {}
}
