package dev.baton.core.strategy;

import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.Strategy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a consensus or race task's sources add up to so far: still {@link Pending}, {@link Succeeded} with the
 * winning output, or {@link Failed}. Consensus succeeds as soon as one group of equal outputs reaches the quorum and
 * fails ({@code NO_CONSENSUS}) as soon as no group can reach it even if every open source agreed with the largest
 * group; race succeeds with the first success and fails ({@code NO_SUCCESS}) when every source failed.
 *
 * <p>Pure and deterministic: apply calls it after each source finishes, on every node.
 */
public sealed interface FanOutDecision {

    /** One finished source: its outcome ({@code succeeded}, ...), output and error, in finishing order. */
    record SourceResult(String outcome, String outputJson, ErrorInfo error) {
        boolean succeeded() {
            return "succeeded".equals(outcome);
        }
    }

    record Pending() implements FanOutDecision {}

    record Succeeded(String outputJson, int agreeing) implements FanOutDecision {}

    record Failed(ErrorInfo error) implements FanOutDecision {}

    /** The decision for {@code strategy} given the finished sources and how many are still open. */
    static FanOutDecision decide(Strategy strategy, List<SourceResult> finished, int open) {
        return Strategy.RACE.equals(strategy.kind()) ? race(finished, open) : consensus(strategy, finished, open);
    }

    private static FanOutDecision race(List<SourceResult> finished, int open) {
        for (SourceResult r : finished) {
            if (r.succeeded()) {
                return new Succeeded(r.outputJson(), 1);
            }
        }
        if (open > 0) {
            return new Pending();
        }
        ErrorInfo last = finished.isEmpty() ? null : finished.getLast().error();
        String detail = last == null ? "" : "; the last: " + last.code() + ": " + last.message();
        return new Failed(ErrorInfo.of(ErrorCodes.NO_SUCCESS, "all " + finished.size() + " sources failed" + detail,
                false));
    }

    private static FanOutDecision consensus(Strategy strategy, List<SourceResult> finished, int open) {
        int quorum = strategy.quorum();
        Map<String, Integer> groups = new HashMap<>();
        int largest = 0;
        for (SourceResult r : finished) {
            if (!r.succeeded()) {
                continue;
            }
            int size = groups.merge(ResultComparator.key(strategy.compare(), r.outputJson()), 1, Integer::sum);
            if (size >= quorum) {
                return new Succeeded(firstOfGroup(strategy, finished, r.outputJson()), size);
            }
            largest = Math.max(largest, size);
        }
        if (largest + open >= quorum) {
            return new Pending();
        }
        long succeeded = finished.stream().filter(SourceResult::succeeded).count();
        return new Failed(ErrorInfo.of(ErrorCodes.NO_CONSENSUS, "no group of equal results can reach the quorum of "
                + quorum + ": " + succeeded + " results in " + groups.size() + " groups (largest " + largest + "), "
                + (finished.size() - succeeded) + " sources failed, " + open + " still open", false));
    }

    /** The winning group's earliest output, so the result does not depend on which member completed the group. */
    private static String firstOfGroup(Strategy strategy, List<SourceResult> finished, String member) {
        String key = ResultComparator.key(strategy.compare(), member);
        for (SourceResult r : finished) {
            if (r.succeeded() && ResultComparator.key(strategy.compare(), r.outputJson()).equals(key)) {
                return r.outputJson();
            }
        }
        return member;
    }
}
