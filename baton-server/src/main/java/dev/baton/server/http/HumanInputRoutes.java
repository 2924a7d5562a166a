package dev.baton.server.http;

import dev.baton.api.AwaitInputRequest;
import dev.baton.api.ProvideInputRequest;
import dev.baton.core.state.InputRound;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Principal;
import dev.baton.server.control.Control;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;

/**
 * Human in the loop: {@code POST /v1/tasks/{id}/await-input} (the agent holding an attempt asks a question and gives
 * the attempt up) and {@code POST /v1/tasks/{id}/input} (someone answers; the answer is checked against the
 * question's JSON Schema, then the task is queued again with the answer for its next attempt). Both are writes, so
 * they run on the leader, which validates against the state it will propose on.
 */
final class HumanInputRoutes {
    static final int MAX_PROMPT_CHARS = 4_000;
    static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final Control control;
    private final StateStore store;

    HumanInputRoutes(Control control, StateStore store) {
        this.control = control;
        this.store = store;
    }

    void register(RouteTable table) {
        table.post("/v1/tasks/{id}/await-input", Access.AGENT, this::awaitInput);
        table.post("/v1/tasks/{id}/input", Access.SUBMIT, this::provideInput);
    }

    private void awaitInput(Context ctx, Principal principal) {
        String id = ctx.pathParam("id");
        TenantScope.requireOwnLease(principal, store, id);
        AwaitInputRequest r = Json.read(ctx.bodyAsBytes(), AwaitInputRequest.class);
        if (r.attempt() < 1) {
            throw ApiProblem.validation("attempt", "attempt must be the leased attempt (>= 1)");
        }
        if (r.prompt() == null || r.prompt().isBlank() || r.prompt().length() > MAX_PROMPT_CHARS) {
            throw ApiProblem.validation("prompt", "prompt must be 1 to " + MAX_PROMPT_CHARS + " characters");
        }
        AnswerSchemas.compile(r.schema(), "schema");
        long timeoutMs = r.timeoutMs() == null ? 0 : r.timeoutMs();
        if (timeoutMs < 0 || timeoutMs > TaskRequests.MAX_TIMEOUT_MS) {
            throw ApiProblem.validation("timeoutMs", "timeoutMs must be between 0 (wait until answered) and "
                    + TaskRequests.MAX_TIMEOUT_MS + " ms, got " + timeoutMs);
        }
        Task task = find(id);
        if (task.pendingInput() != null && task.pendingInput().attempt() == r.attempt()) {
            Reply.json(ctx, Views.task(task)); // the same attempt asking again after a lost reply
            return;
        }
        Outcome.TaskOutcome outcome = (Outcome.TaskOutcome) Await.committed(
                control.awaitInput(id, r.attempt(), r.prompt(), Json.text(r.schema()), timeoutMs));
        Reply.json(ctx, Views.task(outcome.task()));
    }

    private void provideInput(Context ctx, Principal principal) {
        String id = ctx.pathParam("id");
        ProvideInputRequest r = Json.read(ctx.bodyAsBytes(), ProvideInputRequest.class);
        if (r.answer() == null || r.answer().isMissingNode()) {
            throw ApiProblem.validation("answer", "answer is required (any JSON value the question's schema accepts)");
        }
        String answer = Json.text(r.answer());
        if (answer.length() > MAX_ANSWER_BYTES) {
            throw ApiProblem.validation("answer", "answer must be at most " + MAX_ANSWER_BYTES + " bytes of JSON");
        }
        Task task = TenantScope.visible(principal, find(id));
        InputRound pending = task.pendingInput();
        if (pending == null) {
            InputRound last = task.inputs().isEmpty() ? null : task.inputs().getLast();
            if (last != null && last.answered() && Json.parse(last.answerJson()).equals(r.answer())) {
                Reply.json(ctx, Views.task(task)); // the same answer sent again after a lost reply
                return;
            }
            throw ApiProblem.conflict("task '" + id + "' is " + task.state().wireName()
                    + ", not awaiting_input: there is no question to answer");
        }
        AnswerSchemas.check(Json.parse(pending.schemaJson()), r.answer());
        Outcome.TaskOutcome outcome = (Outcome.TaskOutcome) Await.committed(
                control.provideInput(id, pending.round(), answer));
        Reply.json(ctx, Views.task(outcome.task()));
    }

    private Task find(String id) {
        return store.read(s -> s.taskById(id)).orElseThrow(() -> TenantScope.notFound(id));
    }
}
