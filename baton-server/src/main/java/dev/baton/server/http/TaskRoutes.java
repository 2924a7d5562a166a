package dev.baton.server.http;

import dev.baton.api.BatchSubmitRequest;
import dev.baton.api.SubmitTaskRequest;
import dev.baton.api.SubmittedTask;
import dev.baton.api.SubmittedTaskList;
import dev.baton.api.TaskList;
import dev.baton.api.TaskState;
import dev.baton.api.TaskView;
import dev.baton.api.WireEnums;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Principal;
import dev.baton.server.control.Control;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** {@code /v1/tasks}: submit (single and batch), read, list, wait, cancel, task heartbeat. */
final class TaskRoutes {
    static final int MAX_BATCH = 1_000;
    static final int MAX_PAGE = 1_000;
    static final long MAX_WAIT_MS = 60_000;

    private final Control control;
    private final StateStore store;
    private final TaskWatchers watchers;

    TaskRoutes(Control control, StateStore store, TaskWatchers watchers) {
        this.control = control;
        this.store = store;
        this.watchers = watchers;
    }

    void register(RouteTable table) {
        table.post("/v1/tasks", Access.SUBMIT, this::submit);
        table.post("/v1/tasks/batch", Access.SUBMIT, this::submitBatch);
        table.get("/v1/tasks", Access.READ, this::list);
        table.get("/v1/tasks/{id}", Access.READ, this::get);
        table.post("/v1/tasks/{id}/cancel", Access.SUBMIT, this::cancel);
        table.post("/v1/tasks/{id}/heartbeat", Access.AGENT, this::heartbeat);
    }

    private void submit(Context ctx, Principal principal) {
        SubmitTaskRequest request = Json.read(ctx.bodyAsBytes(), SubmitTaskRequest.class);
        TaskSpec spec = TaskRequests.toSpec(request, "", control.settings().orchestration(),
                TenantScope.submitTenant(principal, request.tenant(), "tenant"));
        Outcome.TaskOutcome outcome = (Outcome.TaskOutcome) Await.committed(control.submit(spec));
        Reply.json(ctx, outcome.created() ? 201 : 200, Views.task(outcome.task()));
    }

    private void submitBatch(Context ctx, Principal principal) {
        BatchSubmitRequest request = Json.read(ctx.bodyAsBytes(), BatchSubmitRequest.class);
        if (request.tasks() == null || request.tasks().isEmpty() || request.tasks().size() > MAX_BATCH) {
            throw ApiProblem.validation("tasks", "tasks must hold 1 to " + MAX_BATCH + " tasks");
        }
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < request.tasks().size(); i++) {
            SubmitTaskRequest task = request.tasks().get(i);
            if (task == null) {
                throw ApiProblem.validation("tasks[" + i + "]", "tasks[" + i + "] is null");
            }
            specs.add(TaskRequests.toSpec(task, "tasks[" + i + "].", control.settings().orchestration(),
                    TenantScope.submitTenant(principal, task.tenant(), "tasks[" + i + "].tenant")));
        }
        List<Outcome> outcomes = Await.result(control.submitAll(specs), Await.COMMIT_TIMEOUT_MS);
        // A refused task answers for the batch, as if submitted alone.
        List<Task> tasks = outcomes.stream().map(o -> ((Outcome.TaskOutcome) Await.check(o)).task()).toList();
        if (Reply.prefersMinimal(ctx)) {
            Reply.json(ctx, 201, new SubmittedTaskList(tasks.stream()
                    .map(task -> new SubmittedTask(task.id(), task.state())).toList()));
        } else {
            Reply.json(ctx, 201, new TaskList(tasks.stream().map(Views::task).toList(), null));
        }
    }

    private void get(Context ctx, Principal principal) {
        String id = ctx.pathParam("id");
        int waitMs = Reply.intParam(ctx, "waitMs", 0, 0, (int) MAX_WAIT_MS);
        Task task = find(id, principal);
        if (waitMs > 0 && !task.state().isTerminal()) {
            CompletableFuture<Task> done = watchers.watch(id);
            try {
                Task latest = find(id, principal);
                task = latest.state().isTerminal() ? latest : Await.result(done.completeOnTimeout(latest, waitMs,
                        java.util.concurrent.TimeUnit.MILLISECONDS), waitMs + 1_000L);
            } finally {
                watchers.cancel(id, done);
            }
            task = store.read(s -> s.taskById(id)).orElse(task);
        }
        Reply.json(ctx, Views.task(task));
    }

    /** The task, if it exists and the principal's tenant scope covers it; else 404. */
    private Task find(String id, Principal principal) {
        return TenantScope.visible(principal, store.read(s -> s.taskById(id))
                .orElseThrow(() -> TenantScope.notFound(id)));
    }

    private void list(Context ctx, Principal principal) {
        int limit = Reply.intParam(ctx, "limit", 100, 1, MAX_PAGE);
        String cursor = ctx.queryParam("cursor");
        Predicate<Task> filter = t -> principal.seesTenant(t.spec().tenant());
        String state = ctx.queryParam("state");
        if (state != null && !state.isBlank()) {
            TaskState wanted;
            try {
                wanted = TaskState.fromWire(state);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.validation("state", "state '" + state + "' is not one of "
                        + WireEnums.acceptedValues(TaskState.class));
            }
            filter = filter.and(t -> t.state() == wanted);
        }
        String capability = ctx.queryParam("capability");
        if (capability != null && !capability.isBlank()) {
            filter = filter.and(t -> t.spec().capability().equals(capability));
        }
        Predicate<Task> matching = filter;
        List<Task> page = store.read(s -> s.tasksPage(cursor == null || cursor.isBlank() ? null : cursor,
                limit + 1, matching));
        String next = page.size() > limit ? page.get(limit - 1).id() : null;
        List<TaskView> views = page.stream().limit(limit).map(Views::task).toList();
        Reply.json(ctx, new TaskList(views, next));
    }

    /** Cancelling a cancelled task answers 200 with it, so a cancel resent after a lost reply is harmless. */
    private void cancel(Context ctx, Principal principal) {
        String id = ctx.pathParam("id");
        Task existing = find(id, principal);
        if (existing.state() == TaskState.CANCELLED) {
            Reply.json(ctx, Views.task(existing));
            return;
        }
        Outcome.TaskOutcome outcome = (Outcome.TaskOutcome) Await.committed(control.cancel(id, "cancelled by request"));
        Reply.json(ctx, Views.task(outcome.task()));
    }

    private record TaskHeartbeat(int attempt) {}

    private void heartbeat(Context ctx, Principal principal) {
        TenantScope.requireOwnLease(principal, store, ctx.pathParam("id"));
        TaskHeartbeat body = Json.read(ctx.bodyAsBytes(), TaskHeartbeat.class);
        var reply = Await.result(control.taskHeartbeat(ctx.pathParam("id"), body.attempt()), Await.COMMIT_TIMEOUT_MS);
        if (!reply.stop().isEmpty()) {
            throw ApiProblem.conflict("attempt " + body.attempt() + " of task '" + ctx.pathParam("id")
                    + "' is no longer live; stop working on it");
        }
        ctx.status(204);
    }
}
