package dev.baton.core.state;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.core.command.DeregisterAgent;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.SetAgentState;
import java.util.List;
import java.util.function.Consumer;

/** Applies agent membership and liveness commands. */
final class AgentApplier {
    private final BatonState state;
    private final TaskApplier tasks;

    AgentApplier(BatonState state, TaskApplier tasks) {
        this.state = state;
        this.tasks = tasks;
    }

    Outcome register(RegisterAgent c, Consumer<StateEvent> events) {
        Agent before = state.agents.get(c.agentId());
        List<String> active = before == null ? List.of() : before.activeTaskIds();
        long registeredAt = before == null ? c.nowMs() : before.registeredAtMs();
        Agent after = new Agent(c.agentId(), c.name(), c.capabilities(), c.labels(), c.maxConcurrency(),
                AgentState.READY, registeredAt, c.nowMs(), active, c.costPerTask(), c.tier(), c.tenant());
        state.agents.put(after.id(), after);
        events.accept(new StateEvent.AgentChanged(before, after));
        return new Outcome.AgentOutcome(after);
    }

    Outcome setState(SetAgentState c, Consumer<StateEvent> events) {
        Agent before = state.agents.get(c.agentId());
        if (before == null) {
            return Outcome.notFound("agent", c.agentId());
        }
        if (before.state() == c.state()) {
            return new Outcome.AgentOutcome(before);
        }
        Agent after = before.withState(c.state(), c.nowMs());
        state.agents.put(after.id(), after);
        events.accept(new StateEvent.AgentChanged(before, after));
        if (c.state() == AgentState.DOWN) {
            String why = c.reason() == null ? "agent stopped heartbeating" : c.reason();
            endAttemptsOf(after, ErrorInfo.of(ErrorCodes.AGENT_DOWN, why, true), c.nowMs(), events);
        }
        return new Outcome.AgentOutcome(state.agents.get(c.agentId()));
    }

    Outcome deregister(DeregisterAgent c, Consumer<StateEvent> events) {
        Agent agent = state.agents.get(c.agentId());
        if (agent == null) {
            return Outcome.notFound("agent", c.agentId());
        }
        endAttemptsOf(agent, ErrorInfo.of(ErrorCodes.AGENT_DEREGISTERED, "agent deregistered", true), c.nowMs(),
                events);
        Agent last = state.agents.remove(c.agentId());
        state.health.remove(c.agentId());
        events.accept(new StateEvent.AgentChanged(last, null));
        return new Outcome.AgentOutcome(null);
    }

    /** Ends every live attempt the agent holds; retries go back to the queue at once (no backoff). */
    private void endAttemptsOf(Agent agent, ErrorInfo error, long nowMs, Consumer<StateEvent> events) {
        for (String taskId : agent.activeTaskIds()) {
            Task task = state.tasks.get(taskId);
            if (task != null && task.state().isActive() && agent.id().equals(task.agentId())) {
                tasks.failAttempt(task, error, "expired", 0, nowMs, events);
            }
        }
    }
}
