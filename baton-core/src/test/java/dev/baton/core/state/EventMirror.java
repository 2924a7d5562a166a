package dev.baton.core.state;

import static dev.baton.core.state.SimulationInvariants.require;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state as a listener that sees only {@link StateEvent}s would rebuild it (SSE, metrics, history export):
 * each event's {@code before} must be what the previous event said, and after every step the mirror must equal
 * the state. Also tracks the acknowledged tasks: created and not evicted.
 */
final class EventMirror {
    private final Map<String, Task> tasks = new HashMap<>();
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, Workflow> workflows = new HashMap<>();
    private final Set<String> acknowledged = new TreeSet<>();

    Set<String> acknowledged() {
        return acknowledged;
    }

    void accept(StateEvent event) {
        switch (event) {
            case StateEvent.TaskChanged(Task before, Task after) -> {
                require(same(before, tasks.get(after.id())), "event 'before' of %s is %s, last event said %s",
                        after.id(), before, tasks.get(after.id()));
                tasks.put(after.id(), after);
                if (before == null) {
                    acknowledged.add(after.id());
                }
            }
            case StateEvent.TaskEvicted(Task task) -> {
                require(task.state().isTerminal(), "evicted %s is finished", task.id());
                require(same(tasks.remove(task.id()), task), "evicted %s as last told", task.id());
                acknowledged.remove(task.id());
            }
            case StateEvent.AgentChanged(Agent before, Agent after) -> {
                String id = before != null ? before.id() : after.id();
                require(same(before, agents.get(id)), "event 'before' of agent %s is %s, last event said %s", id,
                        before, agents.get(id));
                if (after == null) {
                    agents.remove(id);
                } else {
                    agents.put(id, after);
                }
            }
            case StateEvent.ResultRejected r -> require(r.reason() != null, "rejection of %s has a reason", r);
            case StateEvent.WorkflowChanged(Workflow before, Workflow after) -> {
                String id = before != null ? before.id() : after.id();
                require(same(before, workflows.get(id)), "event 'before' of workflow %s is %s, last said %s", id,
                        before, workflows.get(id));
                if (after == null) {
                    workflows.remove(id);
                } else {
                    workflows.put(id, after);
                }
            }
        }
    }

    /** The events so far describe {@code state} exactly. */
    void checkMatches(BatonState state) {
        require(state.allWorkflows().size() == workflows.size(), "%d workflows, events told of %d",
                state.allWorkflows().size(), workflows.size());
        for (Workflow workflow : state.allWorkflows()) {
            require(same(workflow, workflows.get(workflow.id())), "workflow %s differs from its events",
                    workflow.id());
        }
        require(state.taskCount() == tasks.size(), "%d tasks, events told of %d", state.taskCount(), tasks.size());
        for (Task task : state.allTasks()) {
            require(same(task, tasks.get(task.id())), "task %s is %s, events said %s", task.id(), task,
                    tasks.get(task.id()));
        }
        List<Agent> stateAgents = state.agents();
        require(stateAgents.size() == agents.size(), "%d agents, events told of %d", stateAgents.size(),
                agents.size());
        for (Agent agent : stateAgents) {
            require(same(agent, agents.get(agent.id())), "agent %s is %s, events said %s", agent.id(), agent,
                    agents.get(agent.id()));
        }
    }

    /** After {@link #checkMatches}, holds {@code state}'s own (equal) objects, so later checks compare by identity. */
    void rebaseOn(BatonState state) {
        state.allTasks().forEach(t -> tasks.put(t.id(), t));
        state.agents().forEach(a -> agents.put(a.id(), a));
    }

    private static boolean same(Object a, Object b) {
        return a == b || (a != null && a.equals(b));
    }
}
