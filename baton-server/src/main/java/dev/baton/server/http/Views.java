package dev.baton.server.http;

import dev.baton.api.AgentView;
import dev.baton.api.ApiKeyView;
import dev.baton.api.AttemptView;
import dev.baton.api.BreakerView;
import dev.baton.api.InputRoundView;
import dev.baton.api.LeasedTask;
import dev.baton.api.TaskView;
import dev.baton.core.state.Agent;
import dev.baton.core.state.ApiKey;
import dev.baton.core.state.Attempt;
import dev.baton.core.state.Breaker;
import dev.baton.core.state.Task;
import java.time.Instant;

/** Maps replicated state records to wire views. */
final class Views {
    private Views() {}

    static TaskView task(Task t) {
        return new TaskView(t.id(), t.spec().capability(), t.state(), t.spec().priority(), t.attempt(),
                t.spec().retry().maxAttempts(), t.spec().tenant(), t.spec().idempotencyKey(), t.spec().labels(),
                Json.parse(t.spec().inputJson()), Json.parse(t.resultJson()), t.error(), t.agentId(),
                time(t.createdAtMs()), time(t.updatedAtMs()), time(t.finishedAtMs()), t.staleResults(),
                t.attempts().stream().map(a -> attempt(t, a)).toList(), t.totalCost(), t.spec().constraints(),
                t.spec().strategy(), t.spec().policy(), t.spec().parentId(), inputs(t));
    }

    static java.util.List<InputRoundView> inputs(Task t) {
        return t.inputs().stream().map(r -> new InputRoundView(r.round(), r.attempt(), r.prompt(),
                Json.parse(r.schemaJson()), time(r.askedAtMs()), time(r.deadlineMs()),
                r.answered() ? Json.parse(r.answerJson()) : null, time(r.answeredAtMs()))).toList();
    }

    /** An attempt of {@code t}; on a consensus or race task, one source's final attempt with its output. */
    static AttemptView attempt(Task t, Attempt a) {
        boolean source = t.spec().strategy().fansOut();
        return new AttemptView(a.number(), a.agentId(), time(a.leasedAtMs()), time(a.finishedAtMs()), a.outcome(),
                a.error(), a.cost(), source ? Json.parse(a.resultJson()) : null,
                source ? Task.sourceId(t.id(), a.number()) : null);
    }

    static LeasedTask leased(Task t, long leaseTimeoutMs) {
        long deadline = t.attemptDeadlineMs() > 0 ? t.attemptDeadlineMs() : t.updatedAtMs() + leaseTimeoutMs;
        return new LeasedTask(t.id(), t.attempt(), t.spec().capability(), Json.parse(t.spec().inputJson()),
                time(deadline), t.spec().timeouts().heartbeatMs(), inputs(t));
    }

    /** An agent with its circuit breaker as of {@code nowMs} (half-open is a matter of time). */
    static AgentView agent(Agent a, Breaker breaker, long nowMs) {
        return new AgentView(a.id(), a.name(), a.capabilities(), a.labels(), a.maxConcurrency(), a.state(),
                a.activeTaskIds().size(), time(a.registeredAtMs()), time(a.updatedAtMs()), a.costPerTask(),
                a.tier(), new BreakerView(breaker.state(nowMs), breaker.consecutiveFailures(),
                        breaker.errorRatePercent(), breaker.open() ? time(breaker.openedAtMs()) : null,
                        breaker.opens()), a.tenant());
    }

    static ApiKeyView key(ApiKey k, String token) {
        return new ApiKeyView(k.id(), k.name(), k.role(), time(k.createdAtMs()), token, k.tenant(),
                time(k.expiresAtMs()), time(k.rotatedAtMs()),
                k.previousSha256() == null ? null : time(k.previousValidUntilMs()));
    }

    static String time(long epochMs) {
        return epochMs <= 0 ? null : Instant.ofEpochMilli(epochMs).toString();
    }
}
