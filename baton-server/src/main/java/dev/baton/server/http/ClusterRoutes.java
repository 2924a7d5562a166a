package dev.baton.server.http;

import dev.baton.core.codec.SnapshotCodec;
import dev.baton.server.auth.Access;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, readiness and cluster endpoints. Health endpoints are open; the rest need a key. */
final class ClusterRoutes {
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
        table.get("/v1/cluster", Access.READ, (ctx, p) -> Reply.json(ctx, node.cluster()));
        table.get("/v1/cluster/digest", Access.READ, (ctx, p) -> digest(ctx));
    }

    private void health(Context ctx) {
        Reply.json(ctx, Map.of("status", "ok"));
    }

    private void ready(Context ctx) {
        boolean ready = node.ready();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not_ready");
        body.put("appliedIndex", store.appliedIndex());
        Reply.json(ctx, ready ? 200 : 503, body);
    }

    private void digest(Context ctx) {
        StateStore.PositionedSnapshot snapshot = store.snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appliedIndex", snapshot.index());
        body.put("digest", SnapshotCodec.digest(snapshot.snapshot()));
        body.put("tasks", snapshot.snapshot().tasks().size());
        body.put("agents", snapshot.snapshot().agents().size());
        Reply.json(ctx, body);
    }
}
