package dev.baton.server.http;

import dev.baton.api.EventView;
import dev.baton.core.state.Agent;
import dev.baton.core.state.StateEvent;
import dev.baton.core.state.Task;
import dev.baton.core.state.Workflow;

/**
 * Maps an applied {@link StateEvent} to the small, payload-free view {@code /v1/events} streams. Changes that leave
 * a task's or agent's state as it was (an agent taking one more task, a stale result counted) are not streamed.
 */
final class EventViews {
    private EventViews() {}

    /** The view of {@code event}, or null when it is not streamed. */
    static EventView of(String id, StateEvent event) {
        return switch (event) {
            case StateEvent.TaskChanged c -> taskChanged(id, c.before(), c.after());
            case StateEvent.TaskEvicted e -> task(id, "task.evicted", e.task(), e.task().state().wireName(), null,
                    null, e.task().updatedAtMs());
            case StateEvent.AgentChanged c -> agentChanged(id, c.before(), c.after());
            case StateEvent.ResultRejected r -> new EventView(id, "result.rejected", r.taskId(), r.agentId(), null,
                    null, null, null, r.attempt(), r.reason(), null, Workflow.workflowIdOfStepTask(r.taskId()));
            case StateEvent.WorkflowChanged c -> workflowChanged(id, c.before(), c.after());
        };
    }

    private static EventView taskChanged(String id, Task before, Task after) {
        if (before == null) {
            return task(id, "task.created", after, null, after.state().wireName(), null, after.createdAtMs());
        }
        if (before.state() == after.state()) {
            return null;
        }
        String reason = after.error() != null ? after.error().code() : null;
        return task(id, "task.changed", after, before.state().wireName(), after.state().wireName(), reason,
                after.updatedAtMs());
    }

    private static EventView task(String id, String type, Task t, String from, String to, String reason, long atMs) {
        String agent = t.agentId() != null ? t.agentId()
                : t.attempts().isEmpty() ? null : t.attempts().getLast().agentId();
        return new EventView(id, type, t.id(), agent, t.spec().capability(), t.spec().tenant(), from, to,
                t.attempt() == 0 ? null : t.attempt(), reason, Views.time(atMs), Workflow.workflowIdOfStepTask(t.id()));
    }

    /** {@code workflow.created}, {@code workflow.changed} (its state changed) or {@code workflow.evicted}. */
    private static EventView workflowChanged(String id, Workflow before, Workflow after) {
        if (after == null) {
            return new EventView(id, "workflow.evicted", null, null, null, before.spec().tenant(),
                    before.state().wireName(), null, null, null, null, before.id());
        }
        if (before != null && before.state() == after.state()) {
            return null;
        }
        return new EventView(id, before == null ? "workflow.created" : "workflow.changed", null, null, null,
                after.spec().tenant(), before == null ? null : before.state().wireName(), after.state().wireName(),
                null, after.reason(), Views.time(after.updatedAtMs()), after.id());
    }

    private static EventView agentChanged(String id, Agent before, Agent after) {
        if (after == null) {
            return new EventView(id, "agent.removed", null, before.id(), null, null, before.state().wireName(),
                    null, null, null, null);
        }
        if (before != null && before.state() == after.state()) {
            return null;
        }
        String type = before == null ? "agent.registered" : "agent.changed";
        return new EventView(id, type, null, after.id(), null, null,
                before == null ? null : before.state().wireName(), after.state().wireName(), null, null,
                Views.time(after.updatedAtMs()));
    }
}
