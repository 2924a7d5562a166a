package dev.baton.server.http;

import dev.baton.api.NoopBenchRequest;
import dev.baton.server.auth.Access;
import dev.baton.server.control.Control;
import dev.baton.server.control.NoopBench;
import io.javalin.http.Context;

/**
 * {@code POST /v1/bench/noop} (admin only): the Raft ceiling that {@code baton bench} compares Baton with. It runs on
 * the leader (a follower forwards it) and commits empty commands through the same batching proposer as real
 * writes; see {@link NoopBench} and docs/performance.md.
 */
final class BenchRoutes {
    private final Control control;

    BenchRoutes(Control control) {
        this.control = control;
    }

    void register(RouteTable table) {
        table.post("/v1/bench/noop", Access.ADMIN, (ctx, p) -> noop(ctx));
    }

    private void noop(Context ctx) throws InterruptedException {
        byte[] body = ctx.bodyAsBytes();
        NoopBenchRequest r = body.length == 0 ? new NoopBenchRequest(null, null, null)
                : Json.read(body, NoopBenchRequest.class);
        int commands = bounded(r.commands(), 10_000, NoopBench.MAX_COMMANDS, "commands");
        int outstanding = bounded(r.outstanding(), 4_000, NoopBench.MAX_OUTSTANDING, "outstanding");
        long maxDurationMs = r.maxDurationMs() == null ? 10_000 : r.maxDurationMs();
        if (maxDurationMs < 1 || maxDurationMs > NoopBench.MAX_DURATION_MS) {
            throw ApiProblem.validation("maxDurationMs", "maxDurationMs must be between 1 and "
                    + NoopBench.MAX_DURATION_MS + ", got " + maxDurationMs);
        }
        if (!control.isLeader()) {
            throw ApiProblem.unavailable("this node is not the leader; the no-op bench runs on the leader");
        }
        try {
            Reply.json(ctx, control.noopBench().run(commands, outstanding, maxDurationMs));
        } catch (IllegalStateException e) {
            throw ApiProblem.unavailable(e.getMessage());
        }
    }

    private static int bounded(Integer value, int defaultValue, int max, String field) {
        int v = value == null ? defaultValue : value;
        if (v < 1 || v > max) {
            throw ApiProblem.validation(field, field + " must be between 1 and " + max + ", got " + v);
        }
        return v;
    }
}
