package dev.baton.core.state;

import static dev.baton.core.state.StateFixture.T0;
import static dev.baton.core.state.StateFixture.keyed;
import static dev.baton.core.state.StateFixture.only;
import static dev.baton.core.state.StateFixture.retry;
import static dev.baton.core.state.StateFixture.retryable;
import static dev.baton.core.state.StateFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentState;
import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.EvictFinishedTasks;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.SubmitTask;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Apply tests of {@link TaskApplier}: submit, priority, lease, start, cancel, evict; results are elsewhere. */
class TaskApplierTest {
    private final StateFixture f = new StateFixture();

    @Nested
    class Submit {
        @Test
        void submit_newTask_queuesItAndReportsCreated() {
            List<StateEvent> events = f.eventsOf(new SubmitTask("t1", spec("summarize"), T0));

            Task task = f.task("t1");
            assertThat(task.state()).isEqualTo(TaskState.QUEUED);
            assertThat(task.attempt()).isZero();
            assertThat(task.agentId()).isNull();
            assertThat(task.createdAtMs()).isEqualTo(T0);
            assertThat(task.visibleAtMs()).isEqualTo(T0);
            assertThat(f.state.countInState(TaskState.QUEUED)).isEqualTo(1);
            assertThat(f.state.queueDepth("summarize")).isEqualTo(1);
            assertThat(events).containsExactly(new StateEvent.TaskChanged(null, task));
        }

        @Test
        void submit_newTask_returnsCreatedTrue() {
            Outcome outcome = f.apply(new SubmitTask("t1", spec("summarize"), T0));

            assertThat(outcome).isEqualTo(new Outcome.TaskOutcome(f.task("t1"), true));
        }

        @Test
        void submit_sequentialTasks_getIncreasingSeq() {
            Task first = f.submit("t1", "summarize");
            Task second = f.submit("t2", "summarize");

            assertThat(second.seq()).isGreaterThan(first.seq());
            assertThat(f.state.nextSeq()).isGreaterThan(second.seq());
        }

        @Test
        void submit_sameIdempotencyKey_returnsExistingTaskNotCreated() {
            Task original = f.submit("t1", keyed("summarize", "acme", "k1"), T0);

            int eventsBefore = f.events.size();
            Outcome again = f.apply(new SubmitTask("t2", keyed("summarize", "acme", "k1"), T0 + 5));

            assertThat(again).isEqualTo(new Outcome.TaskOutcome(original, false));
            assertThat(f.state.taskById("t2")).isEmpty();
            assertThat(f.state.taskCount()).isEqualTo(1);
            assertThat(f.events).hasSize(eventsBefore);
            assertThat(f.state.taskIdByIdempotencyKey("acme", "k1")).contains("t1");
        }

        @Test
        void submit_sameIdempotencyKeyInOtherTenant_createsNewTask() {
            f.submit("t1", keyed("summarize", "acme", "k1"), T0);

            Outcome other = f.apply(new SubmitTask("t2", keyed("summarize", "globex", "k1"), T0));

            assertThat(other).isInstanceOfSatisfying(Outcome.TaskOutcome.class, o -> {
                assertThat(o.created()).isTrue();
                assertThat(o.task().id()).isEqualTo("t2");
            });
            assertThat(f.state.taskIdByIdempotencyKey("acme", "k1")).contains("t1");
            assertThat(f.state.taskIdByIdempotencyKey("globex", "k1")).contains("t2");
        }

        @Test
        void submit_sameIdempotencyKeyAfterTaskFinished_stillReturnsExistingTask() {
            f.submit("t1", keyed("summarize", "acme", "k1"), T0);
            f.apply(new CancelTask("t1", null, T0 + 1));

            Outcome again = f.apply(new SubmitTask("t2", keyed("summarize", "acme", "k1"), T0 + 2));

            assertThat(again).isInstanceOfSatisfying(Outcome.TaskOutcome.class, o -> {
                assertThat(o.created()).isFalse();
                assertThat(o.task().id()).isEqualTo("t1");
                assertThat(o.task().state()).isEqualTo(TaskState.CANCELLED);
            });
        }

        @Test
        void submit_takenTaskId_isRejected() {
            f.submit("t1", "summarize");

            Outcome outcome = f.apply(new SubmitTask("t1", spec("translate"), T0));

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo("conflict"));
            assertThat(f.task("t1").spec().capability()).isEqualTo("summarize");
        }
    }

    @Nested
    class Priority {
        @Test
        void queuedTaskIds_mixedPriorities_returnsHigherFirstThenFifo() {
            f.submit("a", spec("cap", 1), T0);
            f.submit("b", spec("cap", 5), T0);
            f.submit("c", spec("cap", 3), T0);
            f.submit("d", spec("cap", 5), T0);
            f.submit("e", spec("cap", 1), T0);

            assertThat(f.state.queuedTaskIds(List.of("cap"), 10, id -> true)).containsExactly("b", "d", "c", "a", "e");
        }

        @Test
        void queuedTaskIds_severalCapabilities_mergesInPriorityThenSubmissionOrder() {
            f.submit("a", spec("x", 2), T0);
            f.submit("b", spec("y", 4), T0);
            f.submit("c", spec("x", 4), T0);
            f.submit("d", spec("z", 5), T0);

            assertThat(f.state.queuedTaskIds(List.of("x", "y"), 10, id -> true)).containsExactly("b", "c", "a");
        }

        @Test
        void queuedTaskIds_limitAndFilter_returnsBestEligibleOnly() {
            f.submit("a", spec("cap", 5), T0);
            f.submit("b", spec("cap", 4), T0);
            f.submit("c", spec("cap", 3), T0);
            f.submit("d", spec("cap", 2), T0);

            assertThat(f.state.queuedTaskIds(List.of("cap"), 2, id -> !id.equals("a"))).containsExactly("b", "c");
        }

        @Test
        void queuedTaskIds_repeatedCapability_listsEachTaskOnce() {
            f.submit("a", spec("cap", 5), T0);
            f.submit("b", spec("cap", 4), T0);
            f.submit("c", spec("cap", 3), T0);
            Agent agent = f.registerAgent("ag", 3, "cap", "cap");

            assertThat(f.state.queuedTaskIds(agent.capabilities(), 3, id -> true)).containsExactly("a", "b", "c");
        }

        @Test
        void queuedTaskIds_leasedTask_isNoLongerListed() {
            f.registerAgent("ag", 1, "cap");
            f.submit("a", spec("cap", 5), T0);
            f.submit("b", spec("cap", 1), T0);

            f.lease("ag", T0, "a");

            assertThat(f.state.queuedTaskIds(List.of("cap"), 10, id -> true)).containsExactly("b");
            assertThat(f.state.queueDepth("cap")).isEqualTo(1);
        }

        @Test
        void queuedTaskIds_retriedTask_keepsItsPlaceBySubmissionOrder() {
            f.registerAgent("ag", 1, "cap");
            f.submit("old", "cap");
            f.lease("ag", T0, "old");
            f.submit("new", "cap");

            f.fail("ag", "old", 1, retryable("BOOM"), 0, T0 + 1);

            assertThat(f.state.queuedTaskIds(List.of("cap"), 10, id -> true)).containsExactly("old", "new");
        }
    }

    @Nested
    class Lease {
        @Test
        void lease_queuedVisibleTask_startsAttemptOneOnAgent() {
            f.registerAgent("ag", 2, "cap");
            f.submit("t1", spec("cap", retry(3), new Timeouts(0, 5_000, 0)), T0);

            List<StateEvent> events = f.eventsOf(new LeaseTasks("ag", List.of("t1"), T0 + 10));

            Task task = f.task("t1");
            assertThat(task.state()).isEqualTo(TaskState.LEASED);
            assertThat(task.attempt()).isEqualTo(1);
            assertThat(task.agentId()).isEqualTo("ag");
            assertThat(task.attemptDeadlineMs()).isEqualTo(T0 + 10 + 5_000);
            assertThat(task.liveAttempt()).isEqualTo(new Attempt(1, "ag", T0 + 10, 0, null, null));
            assertThat(f.agent("ag").activeTaskIds()).containsExactly("t1");
            assertThat(f.agent("ag").freeSlots()).isEqualTo(1);
            assertThat(f.state.countInState(TaskState.QUEUED)).isZero();
            assertThat(f.state.countInState(TaskState.LEASED)).isEqualTo(1);
            assertThat(only(events, StateEvent.TaskChanged.class)).singleElement()
                    .satisfies(e -> assertThat(e.after()).isEqualTo(task));
            assertThat(only(events, StateEvent.AgentChanged.class)).singleElement()
                    .satisfies(e -> assertThat(e.after().activeTaskIds()).containsExactly("t1"));
        }

        @Test
        void lease_returnsLeasedTasks() {
            f.registerAgent("ag", 2, "cap");
            f.submit("t1", "cap");

            Outcome.Leased leased = f.lease("ag", T0, "t1");

            assertThat(leased.agentId()).isEqualTo("ag");
            assertThat(leased.tasks()).containsExactly(f.task("t1"));
        }

        @Test
        void lease_taskNotQueued_isSkipped() {
            f.registerAgent("a1", 1, "cap");
            f.registerAgent("a2", 1, "cap");
            f.submit("t1", "cap");
            f.lease("a1", T0, "t1");

            Outcome.Leased second = f.lease("a2", T0 + 1, "t1");

            assertThat(second.tasks()).isEmpty();
            assertThat(f.task("t1").agentId()).isEqualTo("a1");
            assertThat(f.agent("a2").activeTaskIds()).isEmpty();
        }

        @Test
        void lease_finishedTask_isSkipped() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.apply(new CancelTask("t1", null, T0));

            assertThat(f.lease("ag", T0 + 1, "t1").tasks()).isEmpty();
            assertThat(f.task("t1").state()).isEqualTo(TaskState.CANCELLED);
        }

        @Test
        void lease_taskInBackoff_isSkippedUntilVisible() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.fail("ag", "t1", 1, retryable("BOOM"), 500, T0 + 100);
            assertThat(f.task("t1").visibleAtMs()).isEqualTo(T0 + 600);

            assertThat(f.lease("ag", T0 + 599, "t1").tasks()).isEmpty();
            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);

            assertThat(f.lease("ag", T0 + 600, "t1").tasks()).hasSize(1);
            assertThat(f.task("t1").attempt()).isEqualTo(2);
        }

        @Test
        void lease_capabilityNotOffered_isSkipped() {
            f.registerAgent("ag", 2, "summarize");
            f.submit("t1", "translate");

            assertThat(f.lease("ag", T0, "t1").tasks()).isEmpty();
            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
        }

        @Test
        void lease_moreTasksThanFreeSlots_leasesOnlyUpToMaxConcurrency() {
            f.registerAgent("ag", 2, "cap");
            f.submit("t1", "cap");
            f.submit("t2", "cap");
            f.submit("t3", "cap");

            Outcome.Leased leased = f.lease("ag", T0, "t1", "t2", "t3");

            assertThat(leased.tasks()).extracting(Task::id).containsExactly("t1", "t2");
            assertThat(f.task("t3").state()).isEqualTo(TaskState.QUEUED);
            assertThat(f.agent("ag").freeSlots()).isZero();
            assertThat(f.lease("ag", T0 + 1, "t3").tasks()).isEmpty();
        }

        @Test
        void lease_sameTaskTwiceInOneCommand_leasesItOnce() {
            f.registerAgent("ag", 3, "cap");
            f.submit("t1", "cap");

            assertThat(f.lease("ag", T0, "t1", "t1").tasks()).hasSize(1);
            assertThat(f.agent("ag").activeTaskIds()).containsExactly("t1");
            assertThat(f.task("t1").attempt()).isEqualTo(1);
        }

        @Test
        void lease_unknownTask_isSkipped() {
            f.registerAgent("ag", 1, "cap");

            assertThat(f.lease("ag", T0, "nope").tasks()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"DRAINING", "DOWN"})
        void lease_agentNotReady_isRejected(AgentState notReady) {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.setAgentState("ag", notReady, T0);

            Outcome outcome = f.apply(new LeaseTasks("ag", List.of("t1"), T0 + 1));

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo("conflict"));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
        }

        @Test
        void lease_unknownAgent_isRejectedNotFound() {
            f.submit("t1", "cap");

            Outcome outcome = f.apply(new LeaseTasks("ghost", List.of("t1"), T0));

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo("not_found"));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
        }

        @Test
        void lease_nothingLeasable_emitsNoEvents() {
            f.registerAgent("ag", 1, "cap");

            assertThat(f.eventsOf(new LeaseTasks("ag", List.of("nope"), T0))).isEmpty();
        }
    }

    @Nested
    class Start {
        @Test
        void start_leasedAttempt_marksItRunning() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");

            Outcome outcome = f.start("ag", "t1", 1, T0 + 5);

            assertThat(outcome).isEqualTo(new Outcome.Done(1));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.RUNNING);
            assertThat(f.task("t1").agentId()).isEqualTo("ag");
            assertThat(f.state.countInState(TaskState.RUNNING)).isEqualTo(1);
            assertThat(f.state.countInState(TaskState.LEASED)).isZero();
        }

        @Test
        void start_wrongAttemptOrAgentOrState_changesNothing() {
            f.registerAgent("ag", 1, "cap");
            f.registerAgent("other", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");

            assertThat(f.start("ag", "t1", 2, T0)).isEqualTo(new Outcome.Done(0));
            assertThat(f.start("other", "t1", 1, T0)).isEqualTo(new Outcome.Done(0));
            assertThat(f.start("ag", "missing", 1, T0)).isEqualTo(new Outcome.Done(0));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.LEASED);

            f.start("ag", "t1", 1, T0);
            assertThat(f.start("ag", "t1", 1, T0 + 1)).isEqualTo(new Outcome.Done(0));
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancel_queuedTask_endsCancelledAndLeavesQueue() {
            f.submit("t1", "cap");

            Outcome outcome = f.apply(new CancelTask("t1", "no longer needed", T0 + 5));

            Task task = f.task("t1");
            assertThat(outcome).isEqualTo(new Outcome.TaskOutcome(task, false));
            assertThat(task.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(task.error()).isEqualTo(ErrorInfo.of(ErrorCodes.CANCELLED, "no longer needed", false));
            assertThat(task.finishedAtMs()).isEqualTo(T0 + 5);
            assertThat(f.state.queueDepth("cap")).isZero();
            assertThat(f.state.queuedTaskIds(List.of("cap"), 10, id -> true)).isEmpty();
        }

        @Test
        void cancel_withoutReason_usesDefaultReason() {
            f.submit("t1", "cap");

            f.apply(new CancelTask("t1", " ", T0));

            assertThat(f.task("t1").error().message()).isEqualTo("cancelled by request");
        }

        @Test
        void cancel_runningTask_freesAgentSlot() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.submit("t2", "cap");
            f.lease("ag", T0, "t1");
            f.start("ag", "t1", 1, T0 + 1);

            List<StateEvent> events = f.eventsOf(new CancelTask("t1", null, T0 + 2));

            assertThat(f.task("t1").state()).isEqualTo(TaskState.CANCELLED);
            assertThat(f.task("t1").agentId()).isNull();
            assertThat(f.task("t1").attempts().getLast().outcome()).isEqualTo("cancelled");
            assertThat(f.agent("ag").activeTaskIds()).isEmpty();
            assertThat(only(events, StateEvent.AgentChanged.class)).hasSize(1);
            assertThat(f.lease("ag", T0 + 3, "t2").tasks()).hasSize(1);
        }

        @Test
        void cancel_finishedTask_isRejected() {
            f.submit("t1", "cap");
            f.apply(new CancelTask("t1", null, T0));
            Task cancelled = f.task("t1");

            assertThat(f.apply(new CancelTask("t1", null, T0 + 1))).isInstanceOf(Outcome.Rejected.class);
            assertThat(f.task("t1")).isEqualTo(cancelled);
        }

        @Test
        void cancel_unknownTask_isRejectedNotFound() {
            assertThat(f.apply(new CancelTask("ghost", null, T0)))
                    .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("not_found"));
        }
    }

    @Nested
    class Evict {
        private void finish(String id, long atMs) {
            f.submit(id, keyed("cap", "acme", "key-" + id), T0);
            f.apply(new CancelTask(id, null, atMs));
        }

        @Test
        void evict_finishedTasks_removesOldestFirstUpToMax() {
            finish("c", T0 + 30);
            finish("a", T0 + 10);
            finish("b", T0 + 20);

            Outcome outcome = f.apply(new EvictFinishedTasks(T0 + 100, 2, T0 + 100));

            assertThat(outcome).isEqualTo(new Outcome.Done(2));
            assertThat(f.state.taskById("a")).isEmpty();
            assertThat(f.state.taskById("b")).isEmpty();
            assertThat(f.state.taskById("c")).isPresent();
            assertThat(f.state.countInState(TaskState.CANCELLED)).isEqualTo(1);
            assertThat(f.state.taskCount()).isEqualTo(1);
        }

        @Test
        void evict_onlyTasksFinishedBeforeCutoff() {
            finish("a", T0 + 10);
            finish("b", T0 + 20);

            assertThat(f.apply(new EvictFinishedTasks(T0 + 20, 10, T0 + 100))).isEqualTo(new Outcome.Done(1));
            assertThat(f.state.taskById("a")).isEmpty();
            assertThat(f.state.taskById("b")).isPresent();
        }

        @Test
        void evict_neverRemovesLiveTasks() {
            f.registerAgent("ag", 1, "cap");
            f.submit("queued", "cap");
            f.submit("leased", "cap");
            f.lease("ag", T0, "leased");

            assertThat(f.apply(new EvictFinishedTasks(Long.MAX_VALUE, 100, T0 + 100))).isEqualTo(new Outcome.Done(0));
            assertThat(f.state.taskCount()).isEqualTo(2);
        }

        @Test
        void evict_finishedTask_freesIdempotencyKey() {
            finish("a", T0 + 10);
            f.apply(new EvictFinishedTasks(T0 + 100, 10, T0 + 100));

            assertThat(f.state.taskIdByIdempotencyKey("acme", "key-a")).isEmpty();
            Outcome resubmit = f.apply(new SubmitTask("a2", keyed("cap", "acme", "key-a"), T0 + 200));
            assertThat(resubmit).isInstanceOfSatisfying(Outcome.TaskOutcome.class,
                    o -> assertThat(o.created()).isTrue());
        }

        @Test
        void evict_emitsTaskEvictedPerTask() {
            finish("a", T0 + 10);
            Task a = f.task("a");

            List<StateEvent> events = f.eventsOf(new EvictFinishedTasks(T0 + 100, 10, T0 + 100));

            assertThat(events).containsExactly(new StateEvent.TaskEvicted(a));
        }

        @Test
        void evict_afterStaleResultOnFinishedTask_stillFindsIt() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.succeed("ag", "t1", 1, "1", T0 + 10);
            f.fail("ag", "t1", 1, retryable("BOOM"), 0, T0 + 20);
            assertThat(f.task("t1").staleResults()).isEqualTo(1);

            assertThat(f.apply(new EvictFinishedTasks(T0 + 100, 10, T0 + 100))).isEqualTo(new Outcome.Done(1));
            assertThat(f.state.taskCount()).isZero();
            assertThat(f.state.countInState(TaskState.SUCCEEDED)).isZero();
        }
    }

    @Test
    void apply_taskLifecycle_emitsBeforeAndAfterOfEveryChange() {
        f.registerAgent("ag", 1, "cap");
        f.events.clear();
        f.submit("t1", "cap");
        f.lease("ag", T0, "t1");
        f.start("ag", "t1", 1, T0 + 1);
        f.succeed("ag", "t1", 1, "1", T0 + 2);

        List<StateEvent.TaskChanged> changes = only(f.events, StateEvent.TaskChanged.class);
        assertThat(changes).extracting(c -> c.after().state())
                .containsExactly(TaskState.QUEUED, TaskState.LEASED, TaskState.RUNNING, TaskState.SUCCEEDED);
        assertThat(changes.getFirst().before()).isNull();
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).before()).isEqualTo(changes.get(i - 1).after());
        }
        assertThat(only(f.events, StateEvent.AgentChanged.class)).extracting(c -> c.after().activeTaskIds().size())
                .containsExactly(1, 0);
        assertThat(Set.copyOf(f.events.stream().map(Object::getClass).toList()))
                .containsExactlyInAnyOrder(StateEvent.TaskChanged.class, StateEvent.AgentChanged.class);
    }
}
