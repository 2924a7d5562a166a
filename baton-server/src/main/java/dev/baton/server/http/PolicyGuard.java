package dev.baton.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Principal;
import dev.baton.server.policy.PolicyPoint;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Puts the policy decision point in front of submissions ({@code POST /v1/tasks}, {@code POST /v1/tasks/batch})
 * and every admin route, after authentication and the role check, on the node that handles the request (the
 * leader, for writes). The input names the principal, the action ({@code "<METHOD> <route template>"}) and the
 * resource: the path, its id, and for submissions the capability and tenant of each task (read from the body,
 * best effort; the route still validates it). Denied: 403 {@code forbidden}; no answer and fail-closed: 503
 * {@code policy-unavailable}. Stateless apart from the {@link PolicyPoint}.
 */
final class PolicyGuard {
    private static final Set<String> SUBMISSIONS = Set.of("POST /v1/tasks", "POST /v1/tasks/batch");
    private static final int MAX_TASKS_DESCRIBED = 100;

    private final PolicyPoint policy;

    /** @param policy the decision point, or null when none is configured (every check passes) */
    PolicyGuard(PolicyPoint policy) {
        this.policy = policy;
    }

    /** Throws an {@link ApiProblem} unless the decision point allows this request. */
    void check(Context ctx, String route, Access access, Principal principal) {
        String action = ctx.method().name() + " " + route;
        if (policy == null || !(access == Access.ADMIN || SUBMISSIONS.contains(action))) {
            return;
        }
        ObjectNode input = Json.MAPPER.createObjectNode();
        ObjectNode who = input.putObject("principal");
        who.put("id", principal.keyId());
        who.put("name", principal.name());
        who.put("role", principal.role().wireName());
        who.put("tenant", principal.tenant());
        input.put("action", action);
        ObjectNode resource = input.putObject("resource");
        resource.put("path", ctx.path());
        String id = ctx.pathParamMap().get("id");
        if (id != null) {
            resource.put("id", id);
        }
        if (SUBMISSIONS.contains(action)) {
            describeTasks(ctx.bodyAsBytes(), resource.putArray("tasks"));
        }
        switch (policy.decide(input)) {
            case ALLOWED -> { }
            case DENIED -> throw ApiProblem.forbidden("the policy decision point denied " + action
                    + " for key '" + principal.name() + "'");
            case UNAVAILABLE -> throw new ApiProblem(503, "policy-unavailable", "Policy decision point unavailable",
                    "the policy decision point did not answer; the request was refused (policy.failOpen is false), "
                            + "retry", null);
        }
    }

    /** The capability and tenant of each submitted task, when the body is JSON of the expected shape. */
    private static void describeTasks(byte[] body, ArrayNode tasks) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return;
        }
        if (root == null) {
            return;
        }
        JsonNode list = root.has("tasks") && root.get("tasks").isArray() ? root.get("tasks") : null;
        for (JsonNode task : list == null ? java.util.List.of(root) : list) {
            if (tasks.size() >= MAX_TASKS_DESCRIBED || !task.isObject()) {
                continue;
            }
            ObjectNode described = tasks.addObject();
            described.put("capability", task.path("capability").isTextual() ? task.get("capability").asText() : null);
            described.put("tenant", task.path("tenant").isTextual() ? task.get("tenant").asText() : "default");
        }
    }
}
