package dev.baton.core.command;

import dev.baton.api.ErrorInfo;
import dev.baton.api.TaskState;
import java.util.List;

/** Records agents' results. Each is fenced by its attempt number; a stale one is rejected and counted. */
public record ReportResults(String agentId, List<Report> reports, long nowMs) implements Command {

    @Override
    public int weight() {
        return Math.max(1, reports.size());
    }

    /**
     * One attempt's result.
     *
     * @param retryDelayMs the backoff (with the leader's jitter) to use if this failure is retried
     * @param cost the attempt's actual cost as the agent reported it; null charges the agent's costPerTask
     */
    public record Report(String taskId, int attempt, TaskState status, String outputJson, ErrorInfo error,
                         long retryDelayMs, Double cost) {

        /** A report without a cost of its own. */
        public Report(String taskId, int attempt, TaskState status, String outputJson, ErrorInfo error,
                      long retryDelayMs) {
            this(taskId, attempt, status, outputJson, error, retryDelayMs, null);
        }

        /** This report with the leader's retry delay. */
        public Report withRetryDelayMs(long delayMs) {
            return new Report(taskId, attempt, status, outputJson, error, delayMs, cost);
        }
    }
}
