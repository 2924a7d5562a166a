package dev.baton.core.state;

import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.Strategy;
import dev.baton.api.TaskState;
import dev.baton.core.command.TimeOutTask;
import dev.baton.core.strategy.FanOutDecision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Consensus and race tasks. Such a task (the parent) never runs itself: on submission apply creates one source task
 * per agent, {@code <parentId>.1} to {@code <parentId>.<agents>}, each an ordinary single-agent task with the
 * parent's capability, input, constraints, retry policy and timeouts, so leases, attempt fencing, retries and
 * expiry work on sources unchanged. Sources go to distinct agents: a source is not leased to an agent that holds
 * or ran one of its siblings.
 *
 * <p>Each time a source finishes, its final attempt (agent, outcome, output, error) is appended to the parent's
 * attempts, numbered by source, and {@link FanOutDecision} decides: the parent succeeds with the winning output or
 * fails ({@code NO_CONSENSUS}, {@code NO_SUCCESS}); then its open sources are cancelled (their agents learn it on
 * their next heartbeat) and recorded as {@code cancelled}. A parent cancelled or timed out cancels its sources the
 * same way. The parent is {@code queued} until its first source is leased, then {@code running}; it is never in a
 * dispatch queue.
 *
 * <p>Package-private, reached through {@link TaskApplier}; deterministic like all of apply.
 */
final class FanOutApplier {
    private final BatonState state;
    private final TaskApplier tasks;

    FanOutApplier(BatonState state, TaskApplier tasks) {
        this.state = state;
        this.tasks = tasks;
    }

    /** Creates the sources of a just-submitted fan-out parent. */
    void afterSubmit(Task parent, long nowMs, Consumer<StateEvent> events) {
        TaskSpec p = parent.spec();
        for (int i = 1; i <= p.strategy().sourceCount(); i++) {
            TaskSpec spec = new TaskSpec(p.capability(), p.inputJson(), p.priority(), null, p.tenant(), p.labels(),
                    p.retry(), p.timeouts(), p.constraints(), p.policy(), Strategy.SINGLE_AGENT, parent.id());
            state.putTask(null, Task.queued(Task.sourceId(parent.id(), i), spec, state.nextSeq++, nowMs), events);
        }
    }

    /** A source was leased: its parent starts running. */
    void afterLease(Task source, long nowMs, Consumer<StateEvent> events) {
        Task parent = parentOf(source);
        if (parent != null && parent.state() == TaskState.QUEUED) {
            state.putTask(parent, parent.startedFanOut(nowMs), events);
        }
    }

    /** A task reached a terminal state: record and decide if it is a source; cancel sources if it is a parent. */
    void afterFinish(Task finished, long nowMs, Consumer<StateEvent> events) {
        if (finished.spec().strategy().fansOut()) {
            cancelOpenSources(finished, nowMs, events);
            return;
        }
        Task parent = parentOf(finished);
        if (parent == null) {
            return;
        }
        Task recorded = parent.withSourceResult(sourceIndex(finished), finished, nowMs);
        state.putTask(parent, recorded, events);
        if (!recorded.state().isTerminal()) {
            decide(recorded, nowMs, events);
        }
    }

    /** Whether {@code agent} holds or ran a sibling of {@code source} (sources go to distinct agents). */
    boolean siblingRanOn(Task source, String agentId) {
        return agentsOfSiblings(source).contains(agentId);
    }

    /** Agents that hold or ran a sibling of {@code source}; empty for a task that is not a source. */
    Set<String> agentsOfSiblings(Task source) {
        Task parent = parentOf(source);
        if (parent == null) {
            return Set.of();
        }
        Set<String> agents = new HashSet<>();
        for (int i = 1; i <= parent.spec().strategy().sourceCount(); i++) {
            Task sibling = state.tasks.get(Task.sourceId(parent.id(), i));
            if (sibling == null || sibling.id().equals(source.id())) {
                continue;
            }
            if (sibling.agentId() != null) {
                agents.add(sibling.agentId());
            }
            sibling.attempts().forEach(a -> agents.add(a.agentId()));
        }
        return agents;
    }

    /** Ends a parent still undecided past its strategy timeout. */
    Outcome timeOut(TimeOutTask c, Task parent, Consumer<StateEvent> events) {
        Integer seconds = parent.spec().strategy().timeoutSeconds();
        if (parent.state().isTerminal() || seconds == null || parent.createdAtMs() + seconds * 1_000L > c.nowMs()) {
            return new Outcome.Rejected("conflict", "task '" + parent.id() + "' is not past its strategy timeout");
        }
        ErrorInfo error = ErrorInfo.of(ErrorCodes.STRATEGY_TIMEOUT, parent.spec().strategy().kind()
                + " did not decide within " + seconds + " s", false);
        return new Outcome.TaskOutcome(tasks.finishTask(parent, TaskState.TIMED_OUT, "expired", null, error,
                c.nowMs(), events), false);
    }

    private void decide(Task parent, long nowMs, Consumer<StateEvent> events) {
        List<FanOutDecision.SourceResult> finished = new ArrayList<>();
        parent.attempts().forEach(a -> finished.add(new FanOutDecision.SourceResult(a.outcome(), a.resultJson(),
                a.error())));
        int open = parent.spec().strategy().sourceCount() - finished.size();
        switch (FanOutDecision.decide(parent.spec().strategy(), finished, open)) {
            case FanOutDecision.Pending p -> { }
            case FanOutDecision.Succeeded s ->
                    tasks.finishTask(parent, TaskState.SUCCEEDED, "succeeded", s.outputJson(), null, nowMs, events);
            case FanOutDecision.Failed f ->
                    tasks.finishTask(parent, TaskState.FAILED, "failed", null, f.error(), nowMs, events);
        }
    }

    private void cancelOpenSources(Task parent, long nowMs, Consumer<StateEvent> events) {
        ErrorInfo reason = ErrorInfo.of(ErrorCodes.CANCELLED, "the " + parent.spec().strategy().kind() + " task "
                + parent.id() + " ended " + parent.state().wireName(), false);
        for (int i = 1; i <= parent.spec().strategy().sourceCount(); i++) {
            Task source = state.tasks.get(Task.sourceId(parent.id(), i));
            if (source != null && !source.state().isTerminal()) {
                tasks.finishTask(source, TaskState.CANCELLED, "cancelled", null, reason, nowMs, events);
            }
        }
    }

    private Task parentOf(Task task) {
        String parentId = task.spec().parentId();
        return parentId == null ? null : state.tasks.get(parentId);
    }

    private static int sourceIndex(Task source) {
        String id = source.id();
        return Integer.parseInt(id.substring(id.lastIndexOf('.') + 1));
    }
}
