package dev.baton.server.control;

import static dev.baton.server.control.SimInvariants.require;

import dev.baton.api.Strategy;
import dev.baton.api.TaskState;
import dev.baton.core.state.Attempt;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Task;
import dev.baton.core.strategy.ResultComparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Invariants of consensus and race tasks: a parent holds no agent and no live attempt, records each source at most
 * once, succeeds only with a result its sources back (a quorum of equal ones, or one for a race), and its sources
 * ran on distinct agents.
 */
final class SimFanOutInvariants {
    private SimFanOutInvariants() {}

    static void check(BatonState state, Task parent) {
        Strategy strategy = parent.spec().strategy();
        require(parent.agentId() == null && parent.liveAttempt() == null, () ->
                "fan-out task " + parent.id() + " is held: " + parent);
        Set<Integer> numbers = new HashSet<>();
        for (Attempt a : parent.attempts()) {
            require(a.outcome() != null && a.number() >= 1 && a.number() <= strategy.sourceCount()
                    && numbers.add(a.number()), () -> "fan-out task " + parent.id() + " records " + a + " badly");
        }
        if (parent.state() == TaskState.SUCCEEDED) {
            String winner = ResultComparator.key(strategy.compare(), parent.resultJson());
            long backing = parent.attempts().stream().filter(a -> "succeeded".equals(a.outcome())
                    && ResultComparator.key(strategy.compare(), a.resultJson()).equals(winner)).count();
            int needed = Strategy.RACE.equals(strategy.kind()) ? 1 : strategy.quorum();
            require(backing >= needed, () -> "fan-out task " + parent.id() + " succeeded with " + backing
                    + " backing sources, needs " + needed + ": " + parent);
        }
        Map<String, String> sourceOfAgent = new HashMap<>();
        for (int i = 1; i <= strategy.sourceCount(); i++) {
            Task source = state.taskById(Task.sourceId(parent.id(), i)).orElse(null);
            if (source == null) {
                continue; // evicted
            }
            if (parent.state().isTerminal()) {
                require(source.state().isTerminal(), () -> "source " + source.id() + " of finished "
                        + parent.id() + " is still " + source.state());
            }
            for (Attempt a : source.attempts()) {
                String other = sourceOfAgent.putIfAbsent(a.agentId(), source.id());
                require(other == null || other.equals(source.id()), () -> "agent " + a.agentId() + " ran both "
                        + other + " and " + source.id());
            }
        }
    }
}
