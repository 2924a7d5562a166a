package dev.baton.server.http;

import dev.baton.api.Role;
import dev.baton.core.state.Task;
import dev.baton.server.auth.Principal;
import dev.baton.server.state.StateStore;

/**
 * Tenant scope and agent ownership, checked by the routes. A key with a tenant submits only into that tenant and
 * sees, waits on and cancels only that tenant's tasks: another tenant's task answers 404 exactly as a task that
 * does not exist, so ids do not leak across tenants. A key with the {@code agent} role acts only for the agents it
 * registered ({@code 403} otherwise; agent ids are not secret, every role may list agents).
 */
final class TenantScope {
    private TenantScope() {}

    /** The tenant a submission goes into: the body's, or the key's when the body names none. */
    static String submitTenant(Principal principal, String requested, String field) {
        if (principal.tenant() == null || requested == null) {
            return requested == null ? principal.tenant() : requested;
        }
        if (!principal.tenant().equals(requested)) {
            throw ApiProblem.forbidden(field, "key '" + principal.name() + "' may submit only into tenant '"
                    + principal.tenant() + "', not '" + requested + "'");
        }
        return requested;
    }

    /** The task, if the principal may see it; otherwise the same 404 as for a task that does not exist. */
    static Task visible(Principal principal, Task task) {
        if (!principal.seesTenant(task.spec().tenant())) {
            throw notFound(task.id());
        }
        return task;
    }

    static ApiProblem notFound(String taskId) {
        return ApiProblem.notFound("task '" + taskId + "' does not exist");
    }

    /** Refuses an {@code agent} key acting for an agent another key registered. */
    static void requireOwnAgent(Principal principal, StateStore store, String agentId) {
        if (principal.role() != Role.AGENT) {
            return;
        }
        String owner = store.read(s -> s.agentById(agentId).isEmpty() ? principal.keyId()
                : s.agentOwner(agentId).orElse(null));
        if (!principal.keyId().equals(owner)) {
            throw ApiProblem.forbidden("key '" + principal.name() + "' did not register agent '" + agentId
                    + "'; an agent key acts only for the agents it registered");
        }
    }

    /** Refuses an {@code agent} key heartbeating a task whose live attempt belongs to another key's agent. */
    static void requireOwnLease(Principal principal, StateStore store, String taskId) {
        if (principal.role() != Role.AGENT) {
            return;
        }
        String agentId = store.read(s -> s.taskById(taskId).map(Task::agentId).orElse(null));
        if (agentId != null) {
            requireOwnAgent(principal, store, agentId);
        }
    }
}
