package dev.baton.server.http;

import dev.baton.api.StepState;
import dev.baton.api.SubmitWorkflowRequest;
import dev.baton.api.WireEnums;
import dev.baton.api.WorkflowList;
import dev.baton.api.WorkflowState;
import dev.baton.api.WorkflowView;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.Workflow;
import dev.baton.core.state.WorkflowSpec;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Principal;
import dev.baton.server.control.Control;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code /v1/workflows}: submit, read (with every step's state), list with filters, cancel. Writes run on the
 * leader and answer after the command is committed; reads follow {@link RouteTable}'s rules.
 */
final class WorkflowRoutes {
    static final int MAX_PAGE = 1_000;
    /** Most workflows that may run at once; more are refused until some finish. */
    static final int MAX_RUNNING = 10_000;

    private final Control control;
    private final StateStore store;

    WorkflowRoutes(Control control, StateStore store) {
        this.control = control;
        this.store = store;
    }

    void register(RouteTable table) {
        table.post("/v1/workflows", Access.SUBMIT, this::submit);
        table.get("/v1/workflows", Access.READ, this::list);
        table.get("/v1/workflows/{id}", Access.READ, this::get);
        table.post("/v1/workflows/{id}/cancel", Access.SUBMIT, this::cancel);
    }

    private void submit(Context ctx, Principal principal) {
        SubmitWorkflowRequest request = Json.read(ctx.bodyAsBytes(), SubmitWorkflowRequest.class);
        WorkflowSpec spec = WorkflowRequests.toSpec(request, control.settings().orchestration(),
                TenantScope.submitTenant(principal, request.tenant(), "tenant"));
        long running = store.read(s -> s.allWorkflows().stream().filter(w -> !w.state().isTerminal()).count());
        if (running >= MAX_RUNNING) {
            throw new ApiProblem(429, "too-many-workflows", "Too many workflows", running + " workflows are "
                    + "running, the most a cluster runs at once; retry when some have finished", null);
        }
        Outcome.WorkflowOutcome outcome = (Outcome.WorkflowOutcome) Await.committed(control.submitWorkflow(spec));
        Reply.json(ctx, outcome.created() ? 201 : 200, view(outcome.workflow()));
    }

    private void get(Context ctx, Principal principal) {
        Reply.json(ctx, view(find(ctx.pathParam("id"), principal)));
    }

    private void list(Context ctx, Principal principal) {
        int limit = Reply.intParam(ctx, "limit", 100, 1, MAX_PAGE);
        String cursor = ctx.queryParam("cursor");
        Predicate<Workflow> filter = w -> principal.seesTenant(w.spec().tenant());
        String state = ctx.queryParam("state");
        if (state != null && !state.isBlank()) {
            WorkflowState wanted;
            try {
                wanted = WorkflowState.fromWire(state);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.validation("state", "state '" + state + "' is not one of "
                        + WireEnums.acceptedValues(WorkflowState.class));
            }
            filter = filter.and(w -> w.state() == wanted);
        }
        String tenant = ctx.queryParam("tenant");
        if (tenant != null && !tenant.isBlank()) {
            filter = filter.and(w -> w.spec().tenant().equals(tenant));
        }
        String name = ctx.queryParam("name");
        if (name != null && !name.isBlank()) {
            filter = filter.and(w -> name.equals(w.spec().name()));
        }
        Predicate<Workflow> matching = filter;
        List<WorkflowView> page = store.read(s -> s.workflowsPage(cursor == null || cursor.isBlank() ? null : cursor,
                limit + 1, matching).stream().map(w -> view(s, w)).toList());
        String next = page.size() > limit ? page.get(limit - 1).id() : null;
        Reply.json(ctx, new WorkflowList(page.stream().limit(limit).toList(), next));
    }

    /** Cancelling a cancelled workflow answers 200 with it, so a cancel resent after a lost reply is harmless. */
    private void cancel(Context ctx, Principal principal) {
        String id = ctx.pathParam("id");
        Workflow existing = find(id, principal);
        if (existing.state() == WorkflowState.CANCELLED) {
            Reply.json(ctx, view(existing));
            return;
        }
        Outcome.WorkflowOutcome outcome = (Outcome.WorkflowOutcome) Await.committed(
                control.cancelWorkflow(id, "cancelled by request"));
        Reply.json(ctx, view(outcome.workflow()));
    }

    /** The workflow, if it exists and the principal's tenant scope covers it; else 404 (ids do not leak). */
    private Workflow find(String id, Principal principal) {
        Workflow workflow = store.read(s -> s.workflowById(id)).orElse(null);
        if (workflow == null || !principal.seesTenant(workflow.spec().tenant())) {
            throw ApiProblem.notFound("workflow '" + id + "' does not exist");
        }
        return workflow;
    }

    private WorkflowView view(Workflow w) {
        return store.read(s -> view(s, w));
    }

    /** The wire view of {@code w}, with each started step's task state read from {@code s}. */
    static WorkflowView view(BatonState s, Workflow w) {
        List<WorkflowView.Step> steps = w.spec().steps().stream().map(spec -> {
            Workflow.Step step = w.step(spec.id());
            Task task = step.state() == StepState.STARTED && step.taskId() != null
                    ? s.taskById(step.taskId()).orElse(null) : null;
            return new WorkflowView.Step(step.id(), step.state(), spec.dependsOn(), spec.task().capability(),
                    step.taskId(), task == null ? null : task.state(), Json.parse(step.outputJson()), step.error());
        }).toList();
        return new WorkflowView(w.id(), w.spec().name(), w.state(), w.spec().tenant(), w.spec().failFast(),
                w.spec().idempotencyKey(), Json.parse(w.spec().inputJson()), Views.time(w.createdAtMs()),
                Views.time(w.updatedAtMs()), Views.time(w.finishedAtMs()), w.reason(), steps);
    }
}
