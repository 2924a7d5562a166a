package dev.baton.core.state;

import dev.baton.api.AgentState;
import dev.baton.api.BudgetAction;
import dev.baton.api.Costs;
import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.ResultsResponse.RejectedResult;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskState;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.EvictFinishedTasks;
import dev.baton.core.command.ExpireAttempt;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.StartTasks;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.command.TimeOutTask;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Applies the task lifecycle commands. Package-private; reached through {@link BatonState#apply}. */
final class TaskApplier {
    /** Error codes of timeouts: a task that runs out of attempts on one of these ends {@code timed_out}. */
    private static final Set<String> TIMEOUT_CODES = Set.of(
            ErrorCodes.START_TO_CLOSE_TIMEOUT, ErrorCodes.HEARTBEAT_TIMEOUT, ErrorCodes.LEASE_EXPIRED);

    private final BatonState state;
    private final FanOutApplier fanOuts;
    private final HealthApplier health;

    TaskApplier(BatonState state) {
        this.state = state;
        this.health = new HealthApplier(state);
        this.fanOuts = new FanOutApplier(state, this);
    }

    Outcome submit(SubmitTask c, Consumer<StateEvent> events) {
        TaskSpec spec = state.shared.spec(c.spec());
        if (spec.idempotencyKey() != null) {
            String existing = state.taskIdByIdempotencyKey.get(
                    BatonState.idempotencyIndexKey(spec.tenant(), spec.idempotencyKey()));
            if (existing != null && state.tasks.containsKey(existing)) {
                return new Outcome.TaskOutcome(state.tasks.get(existing), false);
            }
        }
        if (state.tasks.containsKey(c.taskId())) {
            return new Outcome.Rejected("conflict", "task id '" + c.taskId() + "' is taken");
        }
        TenantSettings tenant = c.tenant();
        if (tenant != null && tenant.onBudgetExhausted() == BudgetAction.REJECT) {
            double spent = state.tenantBook.spendOf(spec.tenant()).spentIn(tenant.budgetPeriod(), c.nowMs());
            if (tenant.exhaustedBy(spent)) {
                state.tenantBook.countRejection(spec.tenant());
                return new Outcome.BudgetExhausted(spec.tenant(), spent, tenant.budget(), tenant.budgetPeriod(),
                        TenantSpend.periodEndMs(tenant.budgetPeriod(), c.nowMs()));
            }
        }
        Task task = Task.queued(c.taskId(), spec, state.nextSeq++, c.nowMs());
        state.putTask(null, task, events);
        if (spec.strategy().fansOut()) {
            fanOuts.afterSubmit(task, c.nowMs(), events);
        }
        return new Outcome.TaskOutcome(task, true);
    }

    Outcome lease(LeaseTasks c, Consumer<StateEvent> events) {
        Agent agent = state.agents.get(c.agentId());
        if (agent == null) {
            return Outcome.notFound("agent", c.agentId());
        }
        if (agent.state() != AgentState.READY) {
            return new Outcome.Rejected("conflict", "agent '" + c.agentId() + "' is " + agent.state().wireName());
        }
        List<Task> leased = new ArrayList<>();
        for (String taskId : c.taskIds()) {
            Task task = state.tasks.get(taskId);
            if (task == null || task.state() != TaskState.QUEUED || task.visibleAtMs() > c.nowMs()
                    || !agent.offers(task.spec().capability()) || !task.spec().allowsAgentWith(agent.labels())
                    || agent.freeSlots() == 0 || fanOuts.siblingRanOn(task, agent.id())
                    || tenantGateClosed(c.tenants().get(task.spec().tenant()), task.spec().tenant(), c.nowMs())) {
                continue;
            }
            Task next = task.leased(agent.id(), c.nowMs());
            state.putTask(task, next, events);
            fanOuts.afterLease(next, c.nowMs(), events);
            agent = agent.withTask(taskId, c.nowMs());
            leased.add(next);
        }
        putAgent(state.agents.get(c.agentId()), agent, events);
        return new Outcome.Leased(agent.id(), leased);
    }

    /** True when the tenant may not start another task now: at its in-flight limit or past its budget. */
    private boolean tenantGateClosed(TenantSettings settings, String tenant, long nowMs) {
        if (settings == null) {
            return false;
        }
        return settings.fullAt(state.tenantBook.inFlight(tenant)) || settings.exhaustedBy(
                state.tenantBook.spendOf(tenant).spentIn(settings.budgetPeriod(), nowMs));
    }

    Outcome start(StartTasks c, Consumer<StateEvent> events) {
        int started = 0;
        for (TaskRef ref : c.attempts()) {
            Task task = state.tasks.get(ref.taskId());
            if (task != null && task.state() == TaskState.LEASED && task.attempt() == ref.attempt()
                    && c.agentId().equals(task.agentId())) {
                state.putTask(task, task.running(c.nowMs()), events);
                started++;
            }
        }
        return new Outcome.Done(started);
    }

    Outcome report(ReportResults c, Consumer<StateEvent> events) {
        List<String> accepted = new ArrayList<>();
        List<RejectedResult> rejected = new ArrayList<>();
        for (ReportResults.Report r : c.reports()) {
            String reason = rejectionReason(c.agentId(), r);
            if (isRepeatOfRecordedResult(c.agentId(), r, reason)) {
                accepted.add(r.taskId());
                continue;
            }
            if (reason != null) {
                rejected.add(new RejectedResult(r.taskId(), reason));
                Task task = state.tasks.get(r.taskId());
                if (task != null && !reason.equals(ErrorCodes.INVALID_RESULT)) {
                    state.putTask(task, task.withStaleResult(c.nowMs()), events);
                }
                events.accept(new StateEvent.ResultRejected(r.taskId(), r.attempt(), c.agentId(), reason));
                continue;
            }
            Task task = state.tasks.get(r.taskId());
            double cost = costOf(c.agentId(), r);
            state.tenantBook.charge(task.spec().tenant(), cost, c.nowMs());
            health.result(c.agentId(), task, r.status() == TaskState.SUCCEEDED, cost, c.nowMs());
            if (r.status() == TaskState.SUCCEEDED) {
                finishTask(task, TaskState.SUCCEEDED, "succeeded", r.outputJson(), null, cost, c.nowMs(), events);
            } else {
                ErrorInfo error = agentError(r.error());
                failAttempt(task, error, "failed", r.retryDelayMs(), cost, c.nowMs(), events);
            }
            accepted.add(r.taskId());
        }
        return new Outcome.Results(accepted, rejected);
    }

    /**
     * What an accepted result costs: the cost it reports, else the agent's declared cost per task. Apply re-checks
     * the figure the leader validated so that a bad log entry cannot poison a total.
     */
    private double costOf(String agentId, ReportResults.Report r) {
        if (r.cost() != null && Costs.isValid(r.cost())) {
            return r.cost();
        }
        Agent agent = state.agents.get(agentId);
        return agent == null ? 0 : agent.costPerTask();
    }

    /** The agent's error with a code: retry policies and timeout checks look codes up in null-hostile sets. */
    private static ErrorInfo agentError(ErrorInfo reported) {
        if (reported == null) {
            return ErrorInfo.of("AGENT_ERROR", "the agent reported a failure without details", true);
        }
        return reported.code() != null ? reported
                : ErrorInfo.of("AGENT_ERROR", reported.message(), reported.retryable());
    }

    /**
     * An agent re-sending the result it already had recorded (say, after a lost reply) gets it accepted again, with
     * no change: a final result, or a failure that was retried (the task has moved on, so the attempt looks stale).
     */
    private boolean isRepeatOfRecordedResult(String agentId, ReportResults.Report r, String reason) {
        if (!ErrorCodes.ALREADY_FINISHED.equals(reason) && !ErrorCodes.STALE_ATTEMPT.equals(reason)) {
            return false;
        }
        List<Attempt> attempts = state.tasks.get(r.taskId()).attempts();
        if (r.attempt() < 1 || r.attempt() > attempts.size()) {
            return false; // e.g. finished before its first lease (cancelled, schedule-to-start): nothing recorded
        }
        Attempt recorded = attempts.get(r.attempt() - 1);
        return agentId.equals(recorded.agentId()) && r.status().wireName().equals(recorded.outcome());
    }

    private String rejectionReason(String agentId, ReportResults.Report r) {
        Task task = state.tasks.get(r.taskId());
        if (task == null) {
            return ErrorCodes.UNKNOWN_TASK;
        }
        if (r.status() != TaskState.SUCCEEDED && r.status() != TaskState.FAILED) {
            return ErrorCodes.INVALID_RESULT;
        }
        if (r.attempt() != task.attempt() || (!task.state().isActive() && !task.state().isTerminal())) {
            return ErrorCodes.STALE_ATTEMPT;
        }
        if (task.state().isTerminal()) {
            return ErrorCodes.ALREADY_FINISHED;
        }
        if (!agentId.equals(task.agentId())) {
            return ErrorCodes.NOT_LEASED_TO_AGENT;
        }
        return null;
    }

    Outcome expire(ExpireAttempt c, Consumer<StateEvent> events) {
        Task task = state.tasks.get(c.taskId());
        if (task == null) {
            return Outcome.notFound("task", c.taskId());
        }
        if (!task.state().isActive() || task.attempt() != c.attempt()) {
            return new Outcome.Rejected("conflict", "attempt " + c.attempt() + " of task '" + c.taskId()
                    + "' is no longer live");
        }
        if (task.agentId() != null) {
            health.expired(task.agentId(), task, c.nowMs());
        }
        return new Outcome.TaskOutcome(failAttempt(task, c.reason(), "expired", c.retryDelayMs(), c.nowMs(), events),
                false);
    }

    Outcome timeOut(TimeOutTask c, Consumer<StateEvent> events) {
        Task task = state.tasks.get(c.taskId());
        if (task == null) {
            return Outcome.notFound("task", c.taskId());
        }
        if (task.spec().strategy().fansOut()) {
            return fanOuts.timeOut(c, task, events);
        }
        long limit = task.spec().timeouts().scheduleToStartMs();
        if (task.state() != TaskState.QUEUED || task.attempt() != 0 || limit <= 0
                || task.createdAtMs() + limit > c.nowMs()) {
            return new Outcome.Rejected("conflict", "task '" + c.taskId() + "' is not past its schedule-to-start");
        }
        ErrorInfo error = ErrorInfo.of(ErrorCodes.SCHEDULE_TO_START_TIMEOUT,
                "no agent started the task within " + limit + " ms", false);
        return new Outcome.TaskOutcome(
                finishTask(task, TaskState.TIMED_OUT, "expired", null, error, c.nowMs(), events), false);
    }

    Outcome cancel(CancelTask c, Consumer<StateEvent> events) {
        Task task = state.tasks.get(c.taskId());
        if (task == null) {
            return Outcome.notFound("task", c.taskId());
        }
        if (task.state().isTerminal()) {
            return new Outcome.Rejected("conflict", "task '" + c.taskId() + "' already " + task.state().wireName());
        }
        String reason = c.reason() == null || c.reason().isBlank() ? "cancelled by request" : c.reason();
        ErrorInfo error = ErrorInfo.of(ErrorCodes.CANCELLED, reason, false);
        return new Outcome.TaskOutcome(
                finishTask(task, TaskState.CANCELLED, "cancelled", null, error, c.nowMs(), events), false);
    }

    Outcome evict(EvictFinishedTasks c, Consumer<StateEvent> events) {
        int evicted = 0;
        Iterator<Task> oldest = state.finished.iterator();
        List<Task> victims = new ArrayList<>();
        while (oldest.hasNext() && victims.size() < c.max()) {
            Task task = oldest.next();
            if (task.finishedAtMs() >= c.finishedBeforeMs()) {
                break;
            }
            victims.add(task);
        }
        for (Task task : victims) {
            state.removeTask(task, events);
            evicted++;
        }
        state.tenantBook.pruneIdle(c.nowMs());
        return new Outcome.Done(evicted);
    }

    /**
     * Ends the live attempt with {@code error}: requeues the task after {@code retryDelayMs} when the error is
     * retryable and attempts remain, else ends it ({@code timed_out} for timeouts, {@code failed} otherwise).
     */
    Task failAttempt(Task task, ErrorInfo error, String outcome, long retryDelayMs, long nowMs,
                     Consumer<StateEvent> events) {
        return failAttempt(task, error, outcome, retryDelayMs, null, nowMs, events);
    }

    /** As above, charging the attempt {@code charge} cost units (null: nothing). */
    Task failAttempt(Task task, ErrorInfo error, String outcome, long retryDelayMs, Double charge, long nowMs,
                     Consumer<StateEvent> events) {
        boolean retryable = error.retryable()
                && !task.spec().retry().nonRetryableErrorCodes().contains(error.code())
                && task.attemptsCountedForRetry() < task.spec().retry().maxAttempts();
        if (retryable) {
            releaseAgentSlot(task, nowMs, events);
            Task next = task.endAttempt(TaskState.QUEUED, outcome, null, error, charge, nowMs, nowMs + retryDelayMs);
            state.putTask(task, next, events);
            return next;
        }
        TaskState terminal = TIMEOUT_CODES.contains(error.code()) ? TaskState.TIMED_OUT : TaskState.FAILED;
        return finishTask(task, terminal, outcome, null, error, charge, nowMs, events);
    }

    Task finishTask(Task task, TaskState terminal, String outcome, String result, ErrorInfo error, long nowMs,
                    Consumer<StateEvent> events) {
        return finishTask(task, terminal, outcome, result, error, null, nowMs, events);
    }

    /** Ends the task in {@code terminal}, charging its live attempt {@code charge} cost units (null: nothing). */
    Task finishTask(Task task, TaskState terminal, String outcome, String result, ErrorInfo error, Double charge,
                    long nowMs, Consumer<StateEvent> events) {
        releaseAgentSlot(task, nowMs, events);
        Task next = task.endAttempt(terminal, outcome, result, error, charge, nowMs, task.visibleAtMs());
        state.putTask(task, next, events);
        fanOuts.afterFinish(next, nowMs, events);
        return next;
    }

    /** Agents that hold or ran another source of the same fan-out as {@code task} (none for other tasks). */
    Set<String> agentsOfSiblings(Task task) {
        return fanOuts.agentsOfSiblings(task);
    }

    void releaseAgentSlot(Task task, long nowMs, Consumer<StateEvent> events) {
        if (task.agentId() == null || !task.state().isActive()) {
            return;
        }
        Agent agent = state.agents.get(task.agentId());
        if (agent != null) {
            putAgent(agent, agent.withoutTask(task.id(), nowMs), events);
        }
    }

    void putAgent(Agent before, Agent after, Consumer<StateEvent> events) {
        if (before == after) {
            return;
        }
        state.agents.put(after.id(), after);
        if (before == null || before.state() != after.state()
                || before.activeTaskIds().size() != after.activeTaskIds().size()) {
            events.accept(new StateEvent.AgentChanged(before, after));
        }
    }
}
