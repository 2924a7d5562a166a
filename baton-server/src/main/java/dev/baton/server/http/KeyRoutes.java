package dev.baton.server.http;

import dev.baton.api.ApiKeyList;
import dev.baton.api.ApiKeyRequest;
import dev.baton.api.Role;
import dev.baton.api.RotateKeyRequest;
import dev.baton.core.state.ApiKey;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Tokens;
import dev.baton.server.control.Control;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code /v1/keys}: API key management, admin only. A key's token is shown once, in the reply that created or
 * rotated it; the cluster keeps only its SHA-256. Rotation keeps the key's id, role, tenant and expiry, and lets the
 * replaced token work for a grace period (default {@link #DEFAULT_GRACE_MS}) so clients can switch without an outage.
 */
final class KeyRoutes {
    static final long DEFAULT_GRACE_MS = 3_600_000;
    static final long MAX_GRACE_MS = 7L * 24 * 3_600_000;

    private final Control control;
    private final StateStore store;

    KeyRoutes(Control control, StateStore store) {
        this.control = control;
        this.store = store;
    }

    void register(RouteTable table) {
        table.post("/v1/keys", Access.ADMIN, (ctx, p) -> create(ctx));
        table.get("/v1/keys", Access.ADMIN, (ctx, p) -> Reply.json(ctx,
                new ApiKeyList(store.read(s -> s.apiKeys().stream().map(k -> Views.key(k, null)).toList()))));
        table.delete("/v1/keys/{id}", Access.ADMIN, (ctx, p) -> {
            Await.committed(control.keys().revokeApiKey(ctx.pathParam("id")));
            ctx.status(204);
        });
        table.post("/v1/keys/{id}/rotate", Access.ADMIN, (ctx, p) -> rotate(ctx));
    }

    private void create(Context ctx) {
        ApiKeyRequest r = Json.read(ctx.bodyAsBytes(), ApiKeyRequest.class);
        String name = TaskRequests.requireName(r.name(), "name");
        if (r.role() == null) {
            throw ApiProblem.validation("role", "role is required: one of "
                    + dev.baton.api.WireEnums.acceptedValues(Role.class));
        }
        String tenant = r.tenant() == null ? null : TaskRequests.requireName(r.tenant(), "tenant");
        if (tenant != null && r.role() == Role.ADMIN) {
            throw ApiProblem.validation("tenant", "an admin key manages keys and the cluster for every tenant; "
                    + "give a tenant only to operator, submitter, agent or viewer keys");
        }
        long expiresAtMs = 0;
        if (r.expiresAt() != null) {
            try {
                expiresAtMs = Instant.parse(r.expiresAt()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw ApiProblem.validation("expiresAt", "expiresAt '" + r.expiresAt()
                        + "' is not an ISO-8601 instant such as 2027-01-31T00:00:00Z");
            }
            if (expiresAtMs <= System.currentTimeMillis()) {
                throw ApiProblem.validation("expiresAt", "expiresAt " + r.expiresAt() + " is in the past");
            }
        }
        String token = Tokens.generate();
        String sha = Tokens.sha256(token);
        Await.committed(control.keys().createApiKey(name, r.role(), sha, tenant, expiresAtMs));
        ApiKey key = store.read(s -> s.apiKeyBySha256(sha)).orElseThrow();
        Reply.json(ctx, 201, Views.key(key, token));
    }

    private void rotate(Context ctx) {
        String id = ctx.pathParam("id");
        byte[] body = ctx.bodyAsBytes();
        RotateKeyRequest r = body.length == 0 ? new RotateKeyRequest(null) : Json.read(body, RotateKeyRequest.class);
        long graceMs = r.graceMs() == null ? DEFAULT_GRACE_MS : r.graceMs();
        if (graceMs < 0 || graceMs > MAX_GRACE_MS) {
            throw ApiProblem.validation("graceMs", "graceMs must be between 0 and " + MAX_GRACE_MS + ", got "
                    + graceMs);
        }
        String token = Tokens.generate();
        Await.committed(control.keys().rotateApiKey(id, Tokens.sha256(token), graceMs));
        ApiKey key = store.read(s -> s.apiKeyById(id)).orElseThrow(() -> ApiProblem.notFound(
                "API key '" + id + "' does not exist"));
        Reply.json(ctx, Views.key(key, token));
    }
}
