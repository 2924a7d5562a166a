package dev.baton.server.http;

import dev.baton.server.raft.RaftAdmin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /v1/cluster/snapshot}: streams this node's newest snapshot file, for {@code baton backup}. The file
 * is opened before anything is sent, so a newer snapshot replacing it meanwhile does not cut the download short.
 * Its SHA-256 is computed first and sent as {@value #SHA256_HEADER} (the file is read twice: once to hash, once
 * to send), so the client can check what it wrote.
 */
final class SnapshotDownload {
    static final String NAME_HEADER = "X-Baton-Snapshot-Name";
    static final String INDEX_HEADER = "X-Baton-Snapshot-Index";
    static final String TERM_HEADER = "X-Baton-Snapshot-Term";
    static final String SHA256_HEADER = "X-Baton-Snapshot-Sha256";

    private SnapshotDownload() {}

    static void send(Context ctx, NodeStatus node) throws IOException {
        RaftAdmin.SnapshotFile snapshot = node.admin().latestSnapshot().orElseThrow(() -> ApiProblem.notFound(
                "node " + node.nodeId() + " holds no snapshot yet; take one with POST /v1/cluster/snapshot"));
        try (InputStream hashing = Files.newInputStream(snapshot.path());
             InputStream in = Files.newInputStream(snapshot.path())) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (DigestInputStream digest = new DigestInputStream(hashing, sha256)) {
                size = digest.transferTo(OutputStream.nullOutputStream());
            }
            ctx.status(200);
            ctx.res().setContentType("application/octet-stream");
            ctx.res().setContentLengthLong(size);
            ctx.res().setHeader(NAME_HEADER, snapshot.name());
            ctx.res().setHeader(INDEX_HEADER, Long.toString(snapshot.index()));
            ctx.res().setHeader(TERM_HEADER, Long.toString(snapshot.term()));
            ctx.res().setHeader(SHA256_HEADER, HexFormat.of().formatHex(sha256.digest()));
            ctx.res().setHeader("Content-Disposition", "attachment; filename=\"" + snapshot.name() + "\"");
            in.transferTo(ctx.res().getOutputStream());
        } catch (java.nio.file.NoSuchFileException e) {
            throw ApiProblem.notFound("the snapshot " + snapshot.name() + " was removed while opening it; retry");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
