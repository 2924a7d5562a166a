package dev.baton.server.http;

import dev.baton.server.auth.Principal;
import io.javalin.http.Context;

/** A route handler that runs after authentication and authorization. */
@FunctionalInterface
interface Route {
    void handle(Context ctx, Principal principal) throws Exception;
}
