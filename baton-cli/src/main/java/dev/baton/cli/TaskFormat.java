package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.AttemptView;
import dev.baton.api.ErrorInfo;
import dev.baton.api.Strategy;
import dev.baton.api.TaskList;
import dev.baton.api.TaskView;
import dev.baton.client.BatonJson;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Human-readable renderings of tasks. Stateless. */
final class TaskFormat {
    static final int MAX_INLINE_JSON_CHARS = 72;
    private TaskFormat() {}

    /** One line: id, state, capability and priority. */
    static String line(TaskView task) {
        return "task " + task.id() + " " + state(task) + "  capability=" + task.capability()
                + " priority=" + task.priority() + "\n";
    }

    /** Every field worth reading, with the result pretty-printed and the error spelled out. */
    static String detail(TaskView task) {
        String attempts = task.attempts() == null || task.attempts().isEmpty() ? null
                : task.attempts().stream().map(TaskFormat::attempt).collect(Collectors.joining("\n"));
        return Table.keyValues(
                "id", task.id(),
                "state", state(task),
                "capability", task.capability(),
                "priority", task.priority(),
                "attempt", task.strategy() != null && task.strategy().fansOut()
                        ? (task.attempts() == null ? 0 : task.attempts().size()) + " of " + task.strategy().agents()
                        + " sources finished" : task.attempt() + " of " + task.maxAttempts(),
                "tenant", task.tenant(),
                "idempotency key", task.idempotencyKey(),
                "labels", labels(task.labels()),
                "constraints", labels(task.constraints()),
                "policy", task.policy(),
                "strategy", strategy(task.strategy()),
                "parent", task.parentId(),
                "agent", task.agentId(),
                "created", task.createdAt(),
                "updated", task.updatedAt(),
                "finished", task.finishedAt(),
                "stale results", task.staleResults() > 0 ? task.staleResults() : null,
                "input", json(task.input()),
                "result", json(task.result()),
                "error", error(task.error()),
                "attempts", attempts,
                "questions", questions(task));
    }

    /** Each question asked with its answer, or "(waiting)"; null when none. */
    private static String questions(TaskView task) {
        if (task.inputs() == null || task.inputs().isEmpty()) {
            return null;
        }
        return task.inputs().stream().map(q -> "#" + q.round() + " " + q.prompt() + "\n  schema: "
                + BatonJson.write(q.schema()) + "\n  answer: "
                + (q.answeredAt() == null ? "(waiting; baton tasks input " + task.id() + " --answer JSON)"
                        : BatonJson.write(q.answer())))
                .collect(Collectors.joining("\n"));
    }

    /** A table of tasks and, when there are more, how to get the next page. */
    static String table(TaskList page) {
        Table table = new Table("ID", "STATE", "CAPABILITY", "PRI", "ATTEMPT", "AGENT", "CREATED");
        for (TaskView task : page.tasks()) {
            table.row(task.id(), state(task), task.capability(), task.priority(),
                    task.attempt() + "/" + task.maxAttempts(), task.agentId(), task.createdAt());
        }
        String text = page.tasks().isEmpty() ? "no tasks\n" : table.render();
        if (page.nextCursor() != null) {
            text += "more: baton tasks list --cursor " + page.nextCursor() + "\n";
        }
        return text;
    }

    /** {@code CODE: message (retryable)}, or null. */
    static String error(ErrorInfo error) {
        if (error == null) {
            return null;
        }
        return error.code() + ": " + error.message() + (error.retryable() ? " (retryable)" : " (not retryable)");
    }

    private static String attempt(AttemptView a) {
        StringBuilder text = new StringBuilder("#").append(a.attempt()).append(' ')
                .append(a.agentId() == null ? "-" : a.agentId()).append(' ')
                .append(a.outcome() == null ? "running" : a.outcome());
        if (a.result() != null) {
            String result = BatonJson.write(a.result());
            text.append("  ").append(result.length() <= MAX_INLINE_JSON_CHARS ? result
                    : result.substring(0, MAX_INLINE_JSON_CHARS) + "...");
        }
        if (a.error() != null) {
            text.append("  ").append(error(a.error()));
        }
        if (a.sourceId() != null) {
            text.append("  (").append(a.sourceId()).append(')');
        }
        return text.toString();
    }

    /** {@code consensus agents=5 quorum=3 compare=json}, or null for a single-agent task. */
    private static String strategy(Strategy s) {
        if (s == null || !s.fansOut()) {
            return null;
        }
        StringBuilder text = new StringBuilder(s.kind()).append(" agents=").append(s.agents());
        if (s.quorum() != null) {
            text.append(" quorum=").append(s.quorum()).append(" compare=").append(s.compare());
        }
        return text.toString();
    }

    private static String state(TaskView task) {
        return task.state() == null ? "unknown" : task.state().wireName();
    }

    private static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return null;
        }
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String json(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        String compact = BatonJson.write(node);
        return compact.length() <= MAX_INLINE_JSON_CHARS ? compact : BatonJson.writePretty(node);
    }
}
