package dev.baton.server.http;

import dev.baton.api.SubmitTaskRequest;
import dev.baton.api.SubmitWorkflowRequest;
import dev.baton.core.state.TaskSpec;
import dev.baton.core.state.WorkflowSpec;
import dev.baton.core.workflow.WorkflowChecks;
import dev.baton.server.control.OrchestrationSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates workflow submissions and turns them into {@link WorkflowSpec}s; every rejection names the step and
 * field at fault ({@code steps[2].task.input/items/0}). The DAG and template checks are {@link WorkflowChecks}, the
 * ones apply runs again.
 */
final class WorkflowRequests {
    static final int MAX_TEMPLATE_BYTES = 64 * 1024;
    static final int MAX_NAME_CHARS = 200;

    private WorkflowRequests() {}

    /**
     * The spec for {@code r} in {@code tenantOrNull} (null: the default tenant; the caller resolved the key's
     * scope), step strategies defaulting from {@code orchestration}.
     */
    static WorkflowSpec toSpec(SubmitWorkflowRequest r, OrchestrationSettings orchestration, String tenantOrNull) {
        if (r.steps() == null || r.steps().isEmpty() || r.steps().size() > WorkflowSpec.MAX_STEPS) {
            throw ApiProblem.validation("steps", "steps must hold 1 to " + WorkflowSpec.MAX_STEPS + " steps");
        }
        if (r.name() != null && (r.name().isBlank() || r.name().length() > MAX_NAME_CHARS)) {
            throw ApiProblem.validation("name", "name must be 1 to " + MAX_NAME_CHARS + " characters");
        }
        if (r.idempotencyKey() != null && (r.idempotencyKey().isBlank()
                || r.idempotencyKey().length() > TaskRequests.MAX_IDEMPOTENCY_KEY_CHARS)) {
            throw ApiProblem.validation("idempotencyKey", "idempotencyKey must be 1 to "
                    + TaskRequests.MAX_IDEMPOTENCY_KEY_CHARS + " characters");
        }
        String tenant = tenantOrNull == null ? TaskSpec.DEFAULT_TENANT : TaskRequests.requireName(tenantOrNull, "tenant");
        List<WorkflowSpec.Step> steps = new ArrayList<>();
        for (int i = 0; i < r.steps().size(); i++) {
            steps.add(step(r.steps().get(i), "steps[" + i + "]", tenant, orchestration));
        }
        String input = r.input() == null ? "null" : Json.text(r.input());
        WorkflowSpec spec = new WorkflowSpec(r.name(), tenant, input, r.failFast() == null || r.failFast(),
                r.idempotencyKey(), steps);
        WorkflowChecks.check(spec).ifPresent(p -> {
            throw ApiProblem.validation(p.field(), p.detail());
        });
        return spec;
    }

    private static WorkflowSpec.Step step(SubmitWorkflowRequest.Step s, String field, String tenant,
                                          OrchestrationSettings orchestration) {
        if (s == null) {
            throw ApiProblem.validation(field, field + " is null");
        }
        if (s.id() == null || !WorkflowChecks.STEP_ID.matcher(s.id()).matches()) {
            throw ApiProblem.validation(field + ".id", field + ".id '" + s.id()
                    + "' must be 1-64 letters, digits, _ or -");
        }
        SubmitTaskRequest task = s.task();
        if (task == null) {
            throw ApiProblem.validation(field + ".task", "step '" + s.id() + "' needs a task (a body as for "
                    + "POST /v1/tasks)");
        }
        if (task.idempotencyKey() != null) {
            throw ApiProblem.validation(field + ".task.idempotencyKey", "step '" + s.id() + "': step tasks take no "
                    + "idempotency key; give the workflow one");
        }
        if (task.tenant() != null && !task.tenant().equals(tenant)) {
            throw ApiProblem.validation(field + ".task.tenant", "step '" + s.id() + "': a step runs in the "
                    + "workflow's tenant '" + tenant + "'");
        }
        if (task.input() != null && Json.text(task.input()).length() > MAX_TEMPLATE_BYTES) {
            throw ApiProblem.validation(field + ".task.input", "step '" + s.id() + "': the input template must be at "
                    + "most " + MAX_TEMPLATE_BYTES + " bytes of JSON");
        }
        if (s.dependsOn() != null && s.dependsOn().contains(null)) {
            throw ApiProblem.validation(field + ".dependsOn", "step '" + s.id() + "': dependsOn holds null");
        }
        TaskSpec spec = TaskRequests.toSpec(task, field + ".task.", orchestration, tenant);
        return new WorkflowSpec.Step(s.id(), s.dependsOn(), spec);
    }
}
