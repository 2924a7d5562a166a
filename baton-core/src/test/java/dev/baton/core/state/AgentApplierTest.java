package dev.baton.core.state;

import static dev.baton.core.state.StateFixture.T0;
import static dev.baton.core.state.StateFixture.only;
import static dev.baton.core.state.StateFixture.retry;
import static dev.baton.core.state.StateFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorCodes;
import dev.baton.api.ResultsResponse.RejectedResult;
import dev.baton.api.TaskState;
import dev.baton.core.command.DeregisterAgent;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.SetAgentState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentApplierTest {
    private final StateFixture f = new StateFixture();

    @Test
    void register_newAgent_isReadyWithNoTasks() {
        List<StateEvent> events = f.eventsOf(new RegisterAgent("ag", "Agent", List.of("summarize", "translate"),
                Map.of("region", "eu"), 4, T0));

        Agent agent = f.agent("ag");
        assertThat(agent.state()).isEqualTo(AgentState.READY);
        assertThat(agent.capabilities()).containsExactly("summarize", "translate");
        assertThat(agent.labels()).containsEntry("region", "eu");
        assertThat(agent.maxConcurrency()).isEqualTo(4);
        assertThat(agent.activeTaskIds()).isEmpty();
        assertThat(agent.freeSlots()).isEqualTo(4);
        assertThat(agent.registeredAtMs()).isEqualTo(T0);
        assertThat(events).containsExactly(new StateEvent.AgentChanged(null, agent));
    }

    @Test
    void register_newAgent_returnsIt() {
        Outcome outcome = f.apply(new RegisterAgent("ag", "Agent", List.of("cap"), null, 1, T0));

        assertThat(outcome).isEqualTo(new Outcome.AgentOutcome(f.agent("ag")));
    }

    @Test
    void register_existingAgent_updatesAttributesAndKeepsTasksAndRegistrationTime() {
        f.registerAgent("ag", 2, "cap");
        f.submit("t1", "cap");
        f.lease("ag", T0, "t1");
        f.setAgentState("ag", AgentState.DRAINING, T0 + 1);

        f.apply(new RegisterAgent("ag", "renamed", List.of("cap", "other"), Map.of(), 3, T0 + 50));

        Agent agent = f.agent("ag");
        assertThat(agent.name()).isEqualTo("renamed");
        assertThat(agent.capabilities()).containsExactly("cap", "other");
        assertThat(agent.maxConcurrency()).isEqualTo(3);
        assertThat(agent.state()).isEqualTo(AgentState.READY);
        assertThat(agent.registeredAtMs()).isEqualTo(T0);
        assertThat(agent.updatedAtMs()).isEqualTo(T0 + 50);
        assertThat(agent.activeTaskIds()).containsExactly("t1");
        assertThat(f.task("t1").state()).isEqualTo(TaskState.LEASED);
    }

    @Test
    void register_lowerConcurrencyThanHeld_keepsTasksAndLeasesNothingUntilBelowMax() {
        f.registerAgent("ag", 3, "cap");
        for (String id : List.of("t1", "t2", "t3", "t4")) {
            f.submit(id, "cap");
        }
        f.lease("ag", T0, "t1", "t2", "t3");

        f.apply(new RegisterAgent("ag", "smaller", List.of("cap"), Map.of(), 1, T0 + 1));

        assertThat(f.agent("ag").activeTaskIds()).containsExactly("t1", "t2", "t3");
        assertThat(f.agent("ag").freeSlots()).isZero();
        assertThat(f.lease("ag", T0 + 2, "t4").tasks()).isEmpty();
        f.succeed("ag", "t1", 1, "1", T0 + 3);
        f.succeed("ag", "t2", 1, "1", T0 + 3);
        assertThat(f.lease("ag", T0 + 4, "t4").tasks()).isEmpty();
        f.succeed("ag", "t3", 1, "1", T0 + 5);
        assertThat(f.lease("ag", T0 + 6, "t4").tasks()).hasSize(1);
    }

    @Test
    void setState_down_requeuesItsTasksAtOnce() {
        f.registerAgent("ag", 2, "cap");
        f.submit("t1", "cap");
        f.submit("t2", "cap");
        f.lease("ag", T0, "t1", "t2");
        f.start("ag", "t1", 1, T0 + 1);

        Outcome outcome = f.setAgentState("ag", AgentState.DOWN, T0 + 100);

        Agent agent = f.agent("ag");
        assertThat(outcome).isEqualTo(new Outcome.AgentOutcome(agent));
        assertThat(agent.state()).isEqualTo(AgentState.DOWN);
        assertThat(agent.activeTaskIds()).isEmpty();
        for (String id : List.of("t1", "t2")) {
            Task task = f.task(id);
            assertThat(task.state()).isEqualTo(TaskState.QUEUED);
            assertThat(task.agentId()).isNull();
            assertThat(task.visibleAtMs()).isEqualTo(T0 + 100);
            assertThat(task.error().code()).isEqualTo(ErrorCodes.AGENT_DOWN);
            assertThat(task.attempts().getLast().outcome()).isEqualTo("expired");
        }
        assertThat(f.state.queueDepth("cap")).isEqualTo(2);
        assertThat(f.state.countInState(TaskState.LEASED) + f.state.countInState(TaskState.RUNNING)).isZero();
    }

    @Test
    void setState_down_emitsAgentAndTaskEvents() {
        f.registerAgent("ag", 1, "cap");
        f.submit("t1", "cap");
        f.lease("ag", T0, "t1");

        List<StateEvent> events = f.eventsOf(new SetAgentState("ag", AgentState.DOWN, "missed heartbeats", T0 + 1));

        assertThat(only(events, StateEvent.AgentChanged.class)).first()
                .satisfies(e -> assertThat(e.after().state()).isEqualTo(AgentState.DOWN));
        assertThat(only(events, StateEvent.TaskChanged.class)).singleElement()
                .satisfies(e -> {
                    assertThat(e.after().state()).isEqualTo(TaskState.QUEUED);
                    assertThat(e.after().error().message()).isEqualTo("missed heartbeats");
                });
    }

    @Test
    void setState_downOnLastAttempt_failsTask() {
        f.registerAgent("ag", 1, "cap");
        f.submit("t1", spec("cap", retry(1), null), T0);
        f.lease("ag", T0, "t1");

        f.setAgentState("ag", AgentState.DOWN, T0 + 1);

        assertThat(f.task("t1").state()).isEqualTo(TaskState.FAILED);
        assertThat(f.task("t1").error().code()).isEqualTo(ErrorCodes.AGENT_DOWN);
    }

    @Test
    void setState_downThenLateResult_isRejectedStale() {
        f.registerAgent("ag", 1, "cap");
        f.submit("t1", "cap");
        f.lease("ag", T0, "t1");
        f.setAgentState("ag", AgentState.DOWN, T0 + 1);

        Outcome.Results late = f.succeed("ag", "t1", 1, "1", T0 + 2);

        assertThat(late.rejected()).containsExactly(new RejectedResult("t1", ErrorCodes.STALE_ATTEMPT));
        assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
    }

    @Test
    void setState_draining_keepsTasksAndAcceptsTheirResults() {
        f.registerAgent("ag", 2, "cap");
        f.submit("t1", "cap");
        f.submit("t2", "cap");
        f.lease("ag", T0, "t1");

        f.setAgentState("ag", AgentState.DRAINING, T0 + 1);

        assertThat(f.agent("ag").activeTaskIds()).containsExactly("t1");
        assertThat(f.task("t1").state()).isEqualTo(TaskState.LEASED);
        assertThat(f.apply(new LeaseTasks("ag", List.of("t2"), T0 + 2)))
                .isInstanceOf(Outcome.Rejected.class);
        assertThat(f.succeed("ag", "t1", 1, "1", T0 + 3).accepted()).containsExactly("t1");
        assertThat(f.agent("ag").activeTaskIds()).isEmpty();
    }

    @Test
    void setState_downThenReady_leasesAgain() {
        f.registerAgent("ag", 1, "cap");
        f.submit("t1", "cap");
        f.lease("ag", T0, "t1");
        f.setAgentState("ag", AgentState.DOWN, T0 + 1);

        f.setAgentState("ag", AgentState.READY, T0 + 2);

        assertThat(f.agent("ag").state()).isEqualTo(AgentState.READY);
        assertThat(f.lease("ag", T0 + 3, "t1").tasks()).hasSize(1);
        assertThat(f.task("t1").attempt()).isEqualTo(2);
    }

    @Test
    void setState_sameState_changesNothingAndEmitsNothing() {
        Agent agent = f.registerAgent("ag", 1, "cap");

        List<StateEvent> events = f.eventsOf(new SetAgentState("ag", AgentState.READY, null, T0 + 5));

        assertThat(events).isEmpty();
        assertThat(f.agent("ag")).isEqualTo(agent);
    }

    @Test
    void setState_unknownAgent_isRejectedNotFound() {
        assertThat(f.setAgentState("ghost", AgentState.DOWN, T0))
                .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("not_found"));
    }

    @Test
    void deregister_agentWithTasks_requeuesThemAndRemovesAgent() {
        f.registerAgent("ag", 2, "cap");
        f.submit("t1", "cap");
        f.lease("ag", T0, "t1");
        f.start("ag", "t1", 1, T0 + 1);

        List<StateEvent> events = f.eventsOf(new DeregisterAgent("ag", T0 + 10));

        assertThat(f.state.agentById("ag")).isEmpty();
        assertThat(f.state.agents()).isEmpty();
        Task task = f.task("t1");
        assertThat(task.state()).isEqualTo(TaskState.QUEUED);
        assertThat(task.agentId()).isNull();
        assertThat(task.error().code()).isEqualTo(ErrorCodes.AGENT_DEREGISTERED);
        assertThat(task.visibleAtMs()).isEqualTo(T0 + 10);
        assertThat(only(events, StateEvent.AgentChanged.class).getLast())
                .satisfies(e -> {
                    assertThat(e.after()).isNull();
                    assertThat(e.before().activeTaskIds()).isEmpty();
                });
    }

    @Test
    void deregister_returnsNoAgent() {
        f.registerAgent("ag", 1, "cap");

        assertThat(f.apply(new DeregisterAgent("ag", T0))).isEqualTo(new Outcome.AgentOutcome(null));
    }

    @Test
    void deregister_thenLateResult_isRejectedStale() {
        f.registerAgent("ag", 1, "cap");
        f.submit("t1", "cap");
        f.lease("ag", T0, "t1");
        f.apply(new DeregisterAgent("ag", T0 + 1));

        assertThat(f.succeed("ag", "t1", 1, "1", T0 + 2).rejected())
                .containsExactly(new RejectedResult("t1", ErrorCodes.STALE_ATTEMPT));
    }

    @Test
    void deregister_unknownAgent_isRejectedNotFound() {
        assertThat(f.apply(new DeregisterAgent("ghost", T0)))
                .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("not_found"));
    }

    @Test
    void agents_listsAgentsOrderedById() {
        f.registerAgent("b", 1, "cap");
        f.registerAgent("a", 1, "cap");
        f.registerAgent("c", 1, "cap");

        assertThat(f.state.agents()).extracting(Agent::id).containsExactly("a", "b", "c");
    }
}
