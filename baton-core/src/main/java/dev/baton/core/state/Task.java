package dev.baton.core.state;

import dev.baton.api.ErrorInfo;
import dev.baton.api.TaskState;
import java.util.ArrayList;
import java.util.List;

/**
 * Replicated state of one task. Immutable: apply replaces the whole record on every change.
 *
 * @param seq submission order, for FIFO within a priority
 * @param attempt number of the latest attempt (0 before the first lease); results must carry it
 * @param agentId holder of the live attempt, or null when none
 * @param visibleAtMs earliest time the task may be leased (retry backoff)
 * @param attemptDeadlineMs start-to-close deadline of the live attempt, 0 if none
 * @param staleResults results rejected for this task because their attempt was no longer live
 * @param inputs the questions its agents asked ({@code awaiting_input}) and their answers, oldest first
 */
public record Task(String id, TaskSpec spec, long seq, TaskState state, int attempt, String agentId,
                   long createdAtMs, long updatedAtMs, long visibleAtMs, long attemptDeadlineMs, long finishedAtMs,
                   String resultJson, ErrorInfo error, int staleResults, List<Attempt> attempts,
                   List<InputRound> inputs) {

    public Task {
        attempts = List.copyOf(attempts);
        inputs = inputs == null ? List.of() : List.copyOf(inputs); // absent in snapshots written before input rounds
    }

    static Task queued(String id, TaskSpec spec, long seq, long nowMs) {
        return new Task(id, spec, seq, TaskState.QUEUED, 0, null, nowMs, nowMs, nowMs, 0, 0, null, null, 0, List.of(),
                List.of());
    }

    /** This task holding {@code other}, an equal spec (a shared instance of it). */
    Task withSpec(TaskSpec other) {
        return new Task(id, other, seq, state, attempt, agentId, createdAtMs, updatedAtMs, visibleAtMs,
                attemptDeadlineMs, finishedAtMs, resultJson, error, staleResults, attempts, inputs);
    }

    /** The id of source number {@code index} (from 1) of the consensus or race task {@code parentId}. */
    public static String sourceId(String parentId, int index) {
        return parentId + "." + index;
    }

    /** The live attempt's record, or null if none is live. */
    public Attempt liveAttempt() {
        return state.isActive() && !attempts.isEmpty() && !spec.strategy().fansOut() ? attempts.getLast() : null;
    }

    /** Time of the first lease, or 0 if never leased. */
    public long firstLeasedAtMs() {
        return attempts.isEmpty() ? 0 : attempts.getFirst().leasedAtMs();
    }

    Task leased(String agent, long nowMs) {
        int next = attempt + 1;
        long startToClose = spec.timeouts().startToCloseMs();
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(new Attempt(next, agent, nowMs, 0, null, null));
        return new Task(id, spec, seq, TaskState.LEASED, next, agent, createdAtMs, nowMs, visibleAtMs,
                startToClose > 0 ? nowMs + startToClose : 0, 0, null, null, staleResults, all, inputs);
    }

    Task running(long nowMs) {
        return new Task(id, spec, seq, TaskState.RUNNING, attempt, agentId, createdAtMs, nowMs, visibleAtMs,
                attemptDeadlineMs, 0, null, null, staleResults, attempts, inputs);
    }

    /** Ends the live attempt (if any) with {@code outcome} and moves the task to {@code next}. */
    Task endAttempt(TaskState next, String outcome, String result, ErrorInfo err, long nowMs, long visibleAt) {
        return endAttempt(next, outcome, result, err, null, nowMs, visibleAt);
    }

    /** As above, charging the live attempt {@code charge} cost units (null: nothing). */
    Task endAttempt(TaskState next, String outcome, String result, ErrorInfo err, Double charge, long nowMs,
                    long visibleAt) {
        List<Attempt> all = new ArrayList<>(attempts);
        if (state.isActive() && !all.isEmpty() && !spec.strategy().fansOut()) { // a parent's are its sources'
            all.set(all.size() - 1, all.getLast().finish(nowMs, outcome, err, charge));
        }
        long finished = next.isTerminal() ? nowMs : 0;
        return new Task(id, spec, seq, next, attempt, null, createdAtMs, nowMs, visibleAt, 0, finished,
                result, err, staleResults, all, inputs);
    }

    /** The sum of the attempts' costs, in cost units. */
    public double totalCost() {
        double total = 0;
        for (Attempt a : attempts) {
            total += a.cost() == null ? 0 : a.cost();
        }
        return total;
    }

    /** A consensus or race parent whose first source was leased. */
    Task startedFanOut(long nowMs) {
        return new Task(id, spec, seq, TaskState.RUNNING, attempt, null, createdAtMs, nowMs, visibleAtMs, 0, 0,
                null, null, staleResults, attempts, inputs);
    }

    /**
     * A consensus or race parent with the final attempt of its finished source number {@code index} appended:
     * the source's agent, outcome, output and error, and as its cost the source's total (shown on the parent so
     * that the parent's view totals what the fan-out cost; the tenant was charged once, when each source's result
     * arrived).
     */
    Task withSourceResult(int index, Task source, long nowMs) {
        Attempt last = source.attempts().isEmpty() ? null : source.attempts().getLast();
        String outcome = switch (source.state()) {
            case SUCCEEDED -> "succeeded";
            case CANCELLED -> "cancelled";
            case TIMED_OUT -> "expired";
            default -> "failed";
        };
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(new Attempt(index, last == null ? null : last.agentId(), last == null ? 0 : last.leasedAtMs(), nowMs,
                outcome, source.error(), source.totalCost() == 0 ? null : source.totalCost(), source.resultJson()));
        return new Task(id, spec, seq, state, all.size(), agentId, createdAtMs, state.isTerminal() ? updatedAtMs
                : nowMs, visibleAtMs, attemptDeadlineMs, finishedAtMs, resultJson, error, staleResults, all, inputs);
    }

    Task withStaleResult(long nowMs) {
        return new Task(id, spec, seq, state, attempt, agentId, createdAtMs, nowMs, visibleAtMs, attemptDeadlineMs,
                finishedAtMs, resultJson, error, staleResults + 1, attempts, inputs);
    }

    /** The question being waited for, or null when the task is not {@code awaiting_input}. */
    public InputRound pendingInput() {
        return state == TaskState.AWAITING_INPUT && !inputs.isEmpty() ? inputs.getLast() : null;
    }

    /** Attempts that ended other than by asking a question: what the retry policy's {@code maxAttempts} counts. */
    public int attemptsCountedForRetry() {
        return attempt - inputs.size();
    }

    /** Ends the live attempt (outcome {@code awaiting_input}) and waits for the answer to {@code question}. */
    Task awaitingInput(InputRound question, long nowMs) {
        Task ended = endAttempt(TaskState.AWAITING_INPUT, "awaiting_input", null, null, nowMs, visibleAtMs);
        List<InputRound> all = new ArrayList<>(inputs);
        all.add(question);
        return ended.withInputs(all);
    }

    /** Records the answer to the pending question and queues the task again, visible at once. */
    Task answered(String answerJson, long nowMs) {
        List<InputRound> all = new ArrayList<>(inputs);
        all.set(all.size() - 1, all.getLast().answer(answerJson, nowMs));
        return endAttempt(TaskState.QUEUED, null, null, null, nowMs, nowMs).withInputs(all);
    }

    private Task withInputs(List<InputRound> all) {
        return new Task(id, spec, seq, state, attempt, agentId, createdAtMs, updatedAtMs, visibleAtMs,
                attemptDeadlineMs, finishedAtMs, resultJson, error, staleResults, attempts, all);
    }
}
