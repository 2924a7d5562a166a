package dev.baton.server.http;

import dev.baton.api.ApiKeyList;
import dev.baton.api.ApiKeyRequest;
import dev.baton.api.Role;
import dev.baton.core.state.ApiKey;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Tokens;
import dev.baton.server.control.Control;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;

/** {@code /v1/keys}: API key management, admin only. A key's token is shown once, in the creation reply. */
final class KeyRoutes {
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
            Await.committed(control.revokeApiKey(ctx.pathParam("id")));
            ctx.status(204);
        });
    }

    private void create(Context ctx) {
        ApiKeyRequest r = Json.read(ctx.bodyAsBytes(), ApiKeyRequest.class);
        String name = TaskRequests.requireName(r.name(), "name");
        if (r.role() == null) {
            throw ApiProblem.validation("role", "role is required: one of "
                    + dev.baton.api.WireEnums.acceptedValues(Role.class));
        }
        String token = Tokens.generate();
        String sha = Tokens.sha256(token);
        Await.committed(control.createApiKey(name, r.role(), sha));
        ApiKey key = store.read(s -> s.apiKeyBySha256(sha)).orElseThrow();
        Reply.json(ctx, 201, Views.key(key, token));
    }
}
