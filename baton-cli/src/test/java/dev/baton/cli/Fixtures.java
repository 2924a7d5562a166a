package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.AttemptView;
import dev.baton.api.ErrorInfo;
import dev.baton.api.TaskState;
import dev.baton.api.TaskView;
import dev.baton.client.BatonJson;
import java.util.List;
import java.util.Map;

/** Wire records for CLI tests. */
final class Fixtures {
    private Fixtures() {}

    static TaskView task(String id, TaskState state) {
        JsonNode result = state == TaskState.SUCCEEDED ? BatonJson.parse("{\"answer\":42}") : null;
        ErrorInfo error = state == TaskState.FAILED ? ErrorInfo.of("FLAKY", "failed on purpose", true) : null;
        List<AttemptView> attempts = state.isTerminal()
                ? List.of(new AttemptView(1, "agent-1", "2025-01-01T00:00:01Z", "2025-01-01T00:00:02Z",
                        state.wireName(), error))
                : List.of();
        return new TaskView(id, "echo", state, 3, state == TaskState.QUEUED ? 0 : 1, 3, "default", null,
                Map.of("team", "ml"), BatonJson.parse("{\"q\":1}"), result, error,
                state == TaskState.QUEUED ? null : "agent-1", "2025-01-01T00:00:00Z", "2025-01-01T00:00:02Z",
                state.isTerminal() ? "2025-01-01T00:00:02Z" : null, 0, attempts);
    }
}
