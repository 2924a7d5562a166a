package dev.baton.server.http;

import dev.baton.api.FeedbackRequest;
import dev.baton.api.FeedbackView;
import dev.baton.core.state.Outcome;
import dev.baton.server.auth.Access;
import dev.baton.server.control.Control;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;

/**
 * {@code POST /v1/tasks/{id}/feedback}: a client's score (0-1) of a succeeded task's result, which the
 * {@code thompson} router policy learns from. Once per task: the same score sent again (a lost reply) answers 200
 * unchanged, a different one 409. A write, so it runs on the leader.
 */
final class FeedbackRoutes {
    private final Control control;
    private final StateStore store;

    FeedbackRoutes(Control control, StateStore store) {
        this.control = control;
        this.store = store;
    }

    void register(RouteTable table) {
        table.post("/v1/tasks/{id}/feedback", Access.SUBMIT, (ctx, p) -> feedback(ctx));
    }

    private void feedback(Context ctx) {
        String id = ctx.pathParam("id");
        FeedbackRequest r = Json.read(ctx.bodyAsBytes(), FeedbackRequest.class);
        if (r.score() == null || !(r.score() >= 0 && r.score() <= 1)) {
            throw ApiProblem.validation("score", "score is required: a number from 0 (wrong) to 1 (right)");
        }
        store.read(s -> s.taskById(id)).orElseThrow(() -> ApiProblem.notFound("task '" + id + "' does not exist"));
        Double given = store.read(s -> s.feedbackFor(id).orElse(null));
        if (given != null && given.equals(r.score())) {
            Reply.json(ctx, new FeedbackView(id, given, 0));
            return;
        }
        Outcome.Done done = (Outcome.Done) Await.committed(control.feedback(id, r.score()));
        Reply.json(ctx, new FeedbackView(id, r.score(), done.count()));
    }
}
