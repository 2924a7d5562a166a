package dev.baton.server.http;

import dev.baton.api.AddNodeRequest;
import dev.baton.api.ClusterView;
import dev.baton.api.EncryptionView;
import dev.baton.api.LeaderTransferRequest;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.server.auth.Access;
import dev.baton.server.cluster.Peer;
import dev.baton.server.crypto.EntryCipher;
import dev.baton.server.crypto.SealedBytes;
import dev.baton.server.raft.RaftPosition;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health, readiness and cluster endpoints. Health endpoints are open; the rest need a key. Membership changes and
 * leadership transfer are writes (the leader runs them); status, digest and snapshots are about the node asked.
 */
final class ClusterRoutes {
    static final long ADMIN_TIMEOUT_MS = 60_000;

    private final NodeStatus node;
    private final StateStore store;

    ClusterRoutes(NodeStatus node, StateStore store) {
        this.node = node;
        this.store = store;
    }

    void register(RouteTable table) {
        for (String path : new String[] {"/health", "/healthz", "/livez"}) {
            table.open("GET", path, this::health);
        }
        for (String path : new String[] {"/ready", "/readyz"}) {
            table.open("GET", path, this::ready);
        }
        table.getLocal("/v1/cluster", Access.READ, (ctx, p) -> Reply.json(ctx,
                node.cluster(ctx.header("Authorization"))));
        table.getLocal("/v1/cluster/self", Access.READ, (ctx, p) -> Reply.json(ctx, self()));
        table.getLocal("/v1/cluster/digest", Access.READ, (ctx, p) -> digest(ctx));
        table.post("/v1/cluster/nodes", Access.ADMIN, (ctx, p) -> addNode(ctx));
        table.delete("/v1/cluster/nodes/{id}", Access.ADMIN, (ctx, p) -> removeNode(ctx));
        table.post("/v1/cluster/leader", Access.ADMIN, (ctx, p) -> transferLeadership(ctx));
        table.postLocal("/v1/cluster/snapshot", Access.ADMIN, (ctx, p) -> Reply.json(ctx,
                Map.of("node", node.nodeId(), "index", Await.result(node.admin().takeSnapshot(), ADMIN_TIMEOUT_MS))));
        table.getLocal("/v1/cluster/snapshot", Access.ADMIN, (ctx, p) -> SnapshotDownload.send(ctx, node));
        table.getLocal("/v1/cluster/encryption", Access.OPERATE, (ctx, p) -> Reply.json(ctx, encryption()));
    }

    private void health(Context ctx) {
        Reply.json(ctx, Map.of("status", "ok"));
    }

    private void ready(Context ctx) {
        boolean ready = node.ready();
        RaftPosition position = node.position();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not_ready");
        body.put("node", node.nodeId());
        body.put("role", position.role());
        body.put("leader", position.leaderId());
        body.put("appliedIndex", store.appliedIndex());
        body.put("applyLagEntries", position.applyLagEntries());
        Reply.json(ctx, ready ? 200 : 503, body);
    }

    /** This node's own report, as {@code GET /v1/cluster} shows it for each member. */
    private ClusterView.NodeView self() {
        RaftPosition p = node.position();
        return new ClusterView.NodeView(p.nodeId(), null, null, p.role(), true, p.term(), p.commitIndex(),
                p.appliedIndex(), p.applyLagEntries(), p.lastContactMs(), null);
    }

    private void digest(Context ctx) {
        StateStore.PositionedSnapshot snapshot = store.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", node.nodeId());
        body.put("appliedIndex", snapshot.index());
        body.put("digest", SnapshotCodec.digest(snapshot.snapshot()));
        body.put("tasks", snapshot.snapshot().tasks().size());
        body.put("agents", snapshot.snapshot().agents().size());
        Reply.json(ctx, body);
    }

    /**
     * What this node seals with (key ids, never key bytes) and which key sealed its newest snapshot: once no
     * snapshot and no retained log entry uses an old key, the operator may remove it from the key file.
     */
    private EncryptionView encryption() throws java.io.IOException {
        EntryCipher.Status status = node.encryption();
        EncryptionView.SnapshotKey snapshot = null;
        var latest = node.admin().latestSnapshot();
        if (latest.isPresent()) {
            try {
                snapshot = new EncryptionView.SnapshotKey(latest.get().name(), latest.get().index(),
                        SealedBytes.keyId(latest.get().path()).orElse(null));
            } catch (java.nio.file.NoSuchFileException e) {
                // a newer snapshot replaced it just now; the next call shows that one
            }
        }
        return new EncryptionView(node.nodeId(), status.enabled(), status.keyFile(), status.activeKeyId(),
                status.keyIds(), status.reloads(), snapshot);
    }

    private void addNode(Context ctx) {
        Peer peer = peerToAdd(ctx.bodyAsBytes());
        Await.result(node.admin().addPeer(peer), ADMIN_TIMEOUT_MS);
        Reply.json(ctx, 200, node.cluster(ctx.header("Authorization")));
    }

    /** Decodes and checks an add-node body; a 400 problem names the field at fault. */
    static Peer peerToAdd(byte[] body) {
        AddNodeRequest request = Json.read(body, AddNodeRequest.class);
        if (request.id() == null || request.address() == null) {
            throw ApiProblem.validation(request.id() == null ? "id" : "address",
                    "id and address (host:httpPort[:raftPort]) are required");
        }
        try {
            return Peer.parse(request.id() + "=" + request.address());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("address", e.getMessage());
        }
    }

    private void removeNode(Context ctx) {
        Await.result(node.admin().removePeer(ctx.pathParam("id")), ADMIN_TIMEOUT_MS);
        Reply.json(ctx, 200, node.cluster(ctx.header("Authorization")));
    }

    private void transferLeadership(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        LeaderTransferRequest request = body.length == 0 ? new LeaderTransferRequest(null)
                : Json.read(body, LeaderTransferRequest.class);
        String target = request.nodeId() != null ? request.nodeId() : node.admin().mostCaughtUpFollower()
                .orElseThrow(() -> ApiProblem.conflict("no follower to hand leadership to"));
        if (target.equals(node.nodeId())) {
            throw ApiProblem.conflict("node " + target + " is already the leader");
        }
        Await.result(node.admin().transferLeadership(target), ADMIN_TIMEOUT_MS);
        Reply.json(ctx, 200, Map.of("leader", target));
    }
}
