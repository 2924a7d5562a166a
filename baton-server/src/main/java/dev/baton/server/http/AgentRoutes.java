package dev.baton.server.http;

import dev.baton.api.AgentList;
import dev.baton.api.AgentRegistration;
import dev.baton.api.AgentTier;
import dev.baton.api.Costs;
import dev.baton.api.ErrorInfo;
import dev.baton.api.HeartbeatRequest;
import dev.baton.api.HeartbeatResponse;
import dev.baton.api.PollRequest;
import dev.baton.api.PollResponse;
import dev.baton.api.RegisterAgentRequest;
import dev.baton.api.ResultsRequest;
import dev.baton.api.ResultsResponse;
import dev.baton.api.TaskResult;
import dev.baton.api.TaskState;
import dev.baton.core.command.ReportResults;
import dev.baton.core.state.Agent;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.server.auth.Access;
import dev.baton.server.auth.Principal;
import dev.baton.server.control.Control;
import dev.baton.server.state.StateStore;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /v1/agents}: register, heartbeat, long poll, results, drain and deregister, list. */
final class AgentRoutes {
    static final int MAX_POLL = 256;
    static final int MAX_RESULTS = 1_000;
    static final int MAX_CAPABILITIES = 64;

    private final Control control;
    private final StateStore store;

    AgentRoutes(Control control, StateStore store) {
        this.control = control;
        this.store = store;
    }

    void register(RouteTable table) {
        table.post("/v1/agents", Access.AGENT, this::registerAgent);
        table.get("/v1/agents", Access.READ, (ctx, p) -> list(ctx));
        table.get("/v1/agents/{id}", Access.READ, (ctx, p) -> get(ctx));
        table.post("/v1/agents/{id}/heartbeat", Access.AGENT, own(this::heartbeat));
        table.post("/v1/agents/{id}/poll", Access.AGENT, own(this::poll));
        table.post("/v1/agents/{id}/results", Access.AGENT, own(this::results));
        table.delete("/v1/agents/{id}", Access.AGENT, own(this::deregister));
    }

    /** The handler, behind the check that an {@code agent} key registered the agent it acts for. */
    private Route own(io.javalin.http.Handler handler) {
        return (ctx, principal) -> {
            TenantScope.requireOwnAgent(principal, store, ctx.pathParam("id"));
            handler.handle(ctx);
        };
    }

    /** Registers an agent; one registered by a tenant's principal takes only that tenant's tasks. */
    private void registerAgent(Context ctx, Principal principal) {
        RegisterAgentRequest r = Json.read(ctx.bodyAsBytes(), RegisterAgentRequest.class);
        String name = TaskRequests.requireName(r.name(), "name");
        if (r.capabilities() == null || r.capabilities().isEmpty() || r.capabilities().size() > MAX_CAPABILITIES) {
            throw ApiProblem.validation("capabilities", "capabilities must list 1 to " + MAX_CAPABILITIES
                    + " capabilities");
        }
        for (int i = 0; i < r.capabilities().size(); i++) {
            TaskRequests.requireName(r.capabilities().get(i), "capabilities[" + i + "]");
        }
        int maxConcurrency = r.maxConcurrency() == null ? 1 : r.maxConcurrency();
        if (maxConcurrency < 1 || maxConcurrency > Agent.MAX_CONCURRENCY_LIMIT) {
            throw ApiProblem.validation("maxConcurrency", "maxConcurrency must be between 1 and "
                    + Agent.MAX_CONCURRENCY_LIMIT + ", got " + maxConcurrency);
        }
        Map<String, String> labels = r.labels() == null ? Map.of() : r.labels();
        TaskRequests.checkLabels(labels, "labels");
        double costPerTask = r.costPerTask() == null ? 0 : checkCost(r.costPerTask(), "costPerTask");
        AgentTier tier = r.tier() == null ? AgentTier.STANDARD : r.tier();
        Outcome.AgentOutcome outcome = (Outcome.AgentOutcome) Await.committed(control.registerAgent(
                name, List.copyOf(new java.util.LinkedHashSet<>(r.capabilities())), labels, maxConcurrency,
                costPerTask, tier, principal.tenant()));
        Reply.json(ctx, 201, new AgentRegistration(outcome.agent().id(), control.settings().heartbeatIntervalMs(),
                control.settings().leaseTimeoutMs()));
    }

    private void list(Context ctx) {
        long now = System.currentTimeMillis();
        Reply.json(ctx, new AgentList(store.read(s -> s.agents().stream()
                .map(a -> Views.agent(a, s.healthOf(a.id()).breaker(), now)).toList())));
    }

    private void get(Context ctx) {
        String id = ctx.pathParam("id");
        long now = System.currentTimeMillis();
        Reply.json(ctx, store.read(s -> s.agentById(id).map(a -> Views.agent(a, s.healthOf(id).breaker(), now)))
                .orElseThrow(() -> ApiProblem.notFound("agent '" + id + "' does not exist")));
    }

    private void heartbeat(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        HeartbeatRequest r = body.length == 0 ? new HeartbeatRequest(List.of())
                : Json.read(body, HeartbeatRequest.class);
        HeartbeatResponse reply = Await.result(control.heartbeat(ctx.pathParam("id"),
                r.tasks() == null ? List.of() : r.tasks()), Await.COMMIT_TIMEOUT_MS);
        Reply.json(ctx, reply);
    }

    private void poll(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        PollRequest r = body.length == 0 ? new PollRequest(null, null) : Json.read(body, PollRequest.class);
        int max = r.max() == null ? 1 : r.max();
        if (max < 1 || max > MAX_POLL) {
            throw ApiProblem.validation("max", "max must be between 1 and " + MAX_POLL + ", got " + max);
        }
        long waitMs = r.waitMs() == null ? 0 : r.waitMs();
        if (waitMs < 0 || waitMs > control.settings().maxPollWaitMs()) {
            throw ApiProblem.validation("waitMs", "waitMs must be between 0 and "
                    + control.settings().maxPollWaitMs() + ", got " + waitMs);
        }
        List<Task> tasks = Await.result(control.poll(ctx.pathParam("id"), max, waitMs),
                waitMs + Await.COMMIT_TIMEOUT_MS);
        long leaseMs = control.settings().leaseTimeoutMs();
        Reply.json(ctx, new PollResponse(tasks.stream().map(t -> Views.leased(t, leaseMs)).toList()));
    }

    private void results(Context ctx) {
        ResultsRequest r = Json.read(ctx.bodyAsBytes(), ResultsRequest.class);
        if (r.results() == null || r.results().isEmpty() || r.results().size() > MAX_RESULTS) {
            throw ApiProblem.validation("results", "results must hold 1 to " + MAX_RESULTS + " results");
        }
        List<ReportResults.Report> reports = new ArrayList<>();
        for (int i = 0; i < r.results().size(); i++) {
            reports.add(toReport(r.results().get(i), "results[" + i + "]"));
        }
        Outcome.Results outcome = (Outcome.Results) Await.committed(control.report(ctx.pathParam("id"), reports));
        Reply.json(ctx, new ResultsResponse(outcome.accepted(), outcome.rejected()));
    }

    private static ReportResults.Report toReport(TaskResult result, String field) {
        if (result == null) {
            throw ApiProblem.validation(field, field + " is null");
        }
        if (result.taskId() == null || result.taskId().isBlank()) {
            throw ApiProblem.validation(field + ".taskId", field + ".taskId is required");
        }
        if (result.status() != TaskState.SUCCEEDED && result.status() != TaskState.FAILED) {
            throw ApiProblem.validation(field + ".status", field + ".status must be succeeded or failed");
        }
        if (result.attempt() < 1) {
            throw ApiProblem.validation(field + ".attempt", field + ".attempt must be the leased attempt (>= 1)");
        }
        ErrorInfo error = result.error();
        if (result.status() == TaskState.FAILED && error != null && (error.code() == null || error.code().isBlank())) {
            throw ApiProblem.validation(field + ".error.code", field + ".error.code is required");
        }
        String output = result.status() == TaskState.SUCCEEDED
                ? (result.output() == null ? "null" : Json.text(result.output())) : null;
        Double cost = result.cost() == null ? null : checkCost(result.cost(), field + ".cost");
        return new ReportResults.Report(result.taskId(), result.attempt(), result.status(), output, error, 0, cost);
    }

    /** A cost in cost units: finite, 0 to {@link Costs#MAX_COST_PER_TASK}. */
    static double checkCost(double cost, String field) {
        if (!Costs.isValid(cost)) {
            throw ApiProblem.validation(field, field + " must be a number from 0 to " + Costs.MAX_COST_PER_TASK
                    + " (cost units), got " + cost);
        }
        return cost;
    }

    private void deregister(Context ctx) {
        String id = ctx.pathParam("id");
        store.read(s -> s.agentById(id)).orElseThrow(() -> ApiProblem.notFound("agent '" + id + "' does not exist"));
        Outcome.AgentOutcome outcome = (Outcome.AgentOutcome) Await.committed(control.drainAndDeregister(id));
        long now = System.currentTimeMillis();
        Reply.json(ctx, 202, Views.agent(outcome.agent(), store.read(s -> s.healthOf(id).breaker()), now));
    }
}
