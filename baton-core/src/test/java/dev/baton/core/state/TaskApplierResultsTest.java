package dev.baton.core.state;

import static dev.baton.core.state.StateFixture.T0;
import static dev.baton.core.state.StateFixture.only;
import static dev.baton.core.state.StateFixture.retry;
import static dev.baton.core.state.StateFixture.retryable;
import static dev.baton.core.state.StateFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.ResultsResponse.RejectedResult;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.CancelTask;
import dev.baton.core.command.ExpireAttempt;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.TimeOutTask;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Apply tests of {@link TaskApplier}: results, expiry, schedule-to-start. The rest is in {@link TaskApplierTest}. */
class TaskApplierResultsTest {
    private final StateFixture f = new StateFixture();

    @Nested
    class Results {
        @Test
        void report_success_finishesTaskAndFreesSlot() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.start("ag", "t1", 1, T0 + 1);

            Outcome.Results results = f.succeed("ag", "t1", 1, "{\"ok\":true}", T0 + 50);

            assertThat(results.accepted()).containsExactly("t1");
            assertThat(results.rejected()).isEmpty();
            Task task = f.task("t1");
            assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(task.resultJson()).isEqualTo("{\"ok\":true}");
            assertThat(task.error()).isNull();
            assertThat(task.agentId()).isNull();
            assertThat(task.finishedAtMs()).isEqualTo(T0 + 50);
            assertThat(task.attempts()).containsExactly(new Attempt(1, "ag", T0, T0 + 50, "succeeded", null));
            assertThat(f.agent("ag").activeTaskIds()).isEmpty();
            assertThat(f.state.countInState(TaskState.SUCCEEDED)).isEqualTo(1);
            assertThat(f.state.countInState(TaskState.RUNNING)).isZero();
        }

        @Test
        void report_successOfLeasedNotStartedAttempt_isAccepted() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");

            assertThat(f.succeed("ag", "t1", 1, "1", T0 + 1).accepted()).containsExactly("t1");
            assertThat(f.task("t1").state()).isEqualTo(TaskState.SUCCEEDED);
        }

        @Test
        void report_retryableFailure_requeuesAfterGivenDelay() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            ErrorInfo boom = retryable("BOOM");

            Outcome.Results results = f.fail("ag", "t1", 1, boom, 2_500, T0 + 100);

            assertThat(results.accepted()).containsExactly("t1");
            Task task = f.task("t1");
            assertThat(task.state()).isEqualTo(TaskState.QUEUED);
            assertThat(task.attempt()).isEqualTo(1);
            assertThat(task.agentId()).isNull();
            assertThat(task.visibleAtMs()).isEqualTo(T0 + 2_600);
            assertThat(task.error()).isEqualTo(boom);
            assertThat(task.finishedAtMs()).isZero();
            assertThat(task.attempts()).containsExactly(new Attempt(1, "ag", T0, T0 + 100, "failed", boom));
            assertThat(f.agent("ag").activeTaskIds()).isEmpty();
            assertThat(f.state.queuedTaskIds(List.of("cap"), 10, id -> true)).containsExactly("t1");
        }

        @Test
        void report_failuresUntilMaxAttempts_endFailed() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", spec("cap", retry(3), null), T0);
            long now = T0;
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(f.lease("ag", now, "t1").tasks()).hasSize(1);
                f.fail("ag", "t1", attempt, retryable("BOOM"), 10, now + 1);
                now += 100;
                if (attempt < 3) {
                    assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
                }
            }

            Task task = f.task("t1");
            assertThat(task.state()).isEqualTo(TaskState.FAILED);
            assertThat(task.attempt()).isEqualTo(3);
            assertThat(task.error().code()).isEqualTo("BOOM");
            assertThat(task.attempts()).extracting(Attempt::outcome).containsExactly("failed", "failed", "failed");
            assertThat(f.state.queueDepth("cap")).isZero();
            assertThat(f.agent("ag").activeTaskIds()).isEmpty();
        }

        @Test
        void report_nonRetryableCode_failsAtOnce() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", spec("cap", retry(5, "BAD_INPUT"), null), T0);
            f.lease("ag", T0, "t1");

            f.fail("ag", "t1", 1, retryable("BAD_INPUT"), 10, T0 + 1);

            assertThat(f.task("t1").state()).isEqualTo(TaskState.FAILED);
            assertThat(f.task("t1").attempt()).isEqualTo(1);
        }

        @Test
        void report_errorMarkedNotRetryable_failsAtOnce() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", spec("cap", retry(5), null), T0);
            f.lease("ag", T0, "t1");

            f.fail("ag", "t1", 1, ErrorInfo.of("FATAL", "no", false), 10, T0 + 1);

            assertThat(f.task("t1").state()).isEqualTo(TaskState.FAILED);
        }

        @Test
        void report_failureWithoutError_recordsAgentErrorAndRetries() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");

            f.fail("ag", "t1", 1, null, 0, T0 + 1);

            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
            assertThat(f.task("t1").error().code()).isEqualTo("AGENT_ERROR");
        }

        @Test
        void report_failureWithNullErrorCode_isRecordedWithoutThrowing() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", spec("cap", retry(1, "BAD_INPUT"), null), T0);
            f.lease("ag", T0, "t1");

            Outcome.Results results = f.fail("ag", "t1", 1, new ErrorInfo(null, "something broke", true), 0, T0 + 1);

            assertThat(results.accepted()).containsExactly("t1");
            assertThat(f.task("t1").state()).isEqualTo(TaskState.FAILED);
            assertThat(f.task("t1").error().code()).isNotNull();
        }

        @Test
        void report_staleAttempt_isRejectedAndCounted() {
            f.registerAgent("a1", 1, "cap");
            f.registerAgent("a2", 1, "cap");
            f.submit("t1", "cap");
            f.lease("a1", T0, "t1");
            f.apply(new ExpireAttempt("t1", 1, retryable(ErrorCodes.LEASE_EXPIRED), 0, T0 + 10));
            f.lease("a2", T0 + 20, "t1");
            Task before = f.task("t1");

            int from = f.events.size();
            Outcome.Results results = f.succeed("a1", "t1", 1, "late", T0 + 30);

            assertThat(results.accepted()).isEmpty();
            assertThat(results.rejected()).containsExactly(new RejectedResult("t1", ErrorCodes.STALE_ATTEMPT));
            Task after = f.task("t1");
            assertThat(after.staleResults()).isEqualTo(1);
            assertThat(after.state()).isEqualTo(TaskState.LEASED);
            assertThat(after.attempt()).isEqualTo(2);
            assertThat(after.agentId()).isEqualTo("a2");
            assertThat(after.resultJson()).isNull();
            assertThat(after.attempts()).isEqualTo(before.attempts());
            assertThat(only(f.events.subList(from, f.events.size()), StateEvent.ResultRejected.class))
                    .containsExactly(new StateEvent.ResultRejected("t1", 1, "a1", ErrorCodes.STALE_ATTEMPT));
        }

        @Test
        void report_sameAttemptAfterItWasRequeued_isRejectedStale() {
            f.registerAgent("a1", 1, "cap");
            f.submit("t1", "cap");
            f.lease("a1", T0, "t1");
            f.apply(new ExpireAttempt("t1", 1, retryable(ErrorCodes.LEASE_EXPIRED), 1_000, T0 + 10));

            Outcome.Results results = f.succeed("a1", "t1", 1, "late", T0 + 30);

            assertThat(results.rejected()).containsExactly(new RejectedResult("t1", ErrorCodes.STALE_ATTEMPT));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
            assertThat(f.task("t1").staleResults()).isEqualTo(1);
        }

        @Test
        void report_fromAgentNotHoldingAttempt_isRejected() {
            f.registerAgent("a1", 1, "cap");
            f.registerAgent("a2", 1, "cap");
            f.submit("t1", "cap");
            f.lease("a1", T0, "t1");

            Outcome.Results results = f.succeed("a2", "t1", 1, "mine", T0 + 1);

            assertThat(results.rejected()).containsExactly(new RejectedResult("t1", ErrorCodes.NOT_LEASED_TO_AGENT));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.LEASED);
            assertThat(f.task("t1").agentId()).isEqualTo("a1");
            assertThat(f.agent("a1").activeTaskIds()).containsExactly("t1");
        }

        @Test
        void report_duplicateOfRecordedSuccess_isAcceptedIdempotently() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.succeed("ag", "t1", 1, "\"first\"", T0 + 1);
            Task recorded = f.task("t1");

            Outcome.Results again = f.succeed("ag", "t1", 1, "\"first\"", T0 + 2);

            assertThat(again.accepted()).containsExactly("t1");
            assertThat(again.rejected()).isEmpty();
            assertThat(f.task("t1")).isEqualTo(recorded);
        }

        @Test
        void report_duplicateOfRecordedFinalFailure_isAcceptedIdempotently() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", spec("cap", retry(1), null), T0);
            f.lease("ag", T0, "t1");
            f.fail("ag", "t1", 1, retryable("BOOM"), 0, T0 + 1);
            Task recorded = f.task("t1");

            Outcome.Results again = f.fail("ag", "t1", 1, retryable("BOOM"), 0, T0 + 2);

            assertThat(again.accepted()).containsExactly("t1");
            assertThat(f.task("t1")).isEqualTo(recorded);
        }

        @Test
        void report_duplicateOfRecordedRetriedFailure_isAcceptedIdempotently() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.fail("ag", "t1", 1, retryable("BOOM"), 1_000, T0 + 1);
            Task requeued = f.task("t1");

            Outcome.Results again = f.fail("ag", "t1", 1, retryable("BOOM"), 1_000, T0 + 2);

            assertThat(again.accepted()).containsExactly("t1");
            assertThat(again.rejected()).isEmpty();
            assertThat(f.task("t1")).isEqualTo(requeued);
        }

        @Test
        void report_duplicateOfFailureAfterNextAttemptStarted_isAcceptedWithoutChange() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.fail("ag", "t1", 1, retryable("BOOM"), 0, T0 + 1);
            f.lease("ag", T0 + 2, "t1");
            Task second = f.task("t1");

            Outcome.Results again = f.fail("ag", "t1", 1, retryable("BOOM"), 0, T0 + 3);

            assertThat(again.accepted()).containsExactly("t1");
            assertThat(f.task("t1")).isEqualTo(second);
        }

        @Test
        void report_otherResultForRecordedFailure_isRejectedStale() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.fail("ag", "t1", 1, retryable("BOOM"), 1_000, T0 + 1);

            Outcome.Results success = f.succeed("ag", "t1", 1, "late", T0 + 2);

            assertThat(success.rejected()).containsExactly(new RejectedResult("t1", ErrorCodes.STALE_ATTEMPT));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
            assertThat(f.task("t1").staleResults()).isEqualTo(1);
        }

        @Test
        void report_sameAttemptTwiceInOneBatch_recordsOneResult() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");

            Outcome outcome = f.apply(new ReportResults("ag", List.of(
                    new ReportResults.Report("t1", 1, TaskState.SUCCEEDED, "\"one\"", null, 0),
                    new ReportResults.Report("t1", 1, TaskState.FAILED, null, retryable("BOOM"), 0)), T0 + 1));

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Results.class, r -> {
                assertThat(r.accepted()).containsExactly("t1");
                assertThat(r.rejected()).containsExactly(new RejectedResult("t1", ErrorCodes.ALREADY_FINISHED));
            });
            assertThat(f.task("t1").state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(f.task("t1").resultJson()).isEqualTo("\"one\"");
        }

        @Test
        void report_differentResultAfterFinish_isRejectedAlreadyFinished() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.succeed("ag", "t1", 1, "\"first\"", T0 + 1);

            Outcome.Results again = f.fail("ag", "t1", 1, retryable("BOOM"), 0, T0 + 2);

            assertThat(again.rejected()).containsExactly(new RejectedResult("t1", ErrorCodes.ALREADY_FINISHED));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(f.task("t1").resultJson()).isEqualTo("\"first\"");
        }

        @Test
        void report_afterCancelWhileRunning_isRejected() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.apply(new CancelTask("t1", "user", T0 + 1));

            Outcome.Results late = f.succeed("ag", "t1", 1, "\"done\"", T0 + 2);

            assertThat(late.rejected()).containsExactly(new RejectedResult("t1", ErrorCodes.ALREADY_FINISHED));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.CANCELLED);
            assertThat(f.task("t1").resultJson()).isNull();
        }

        @Test
        void report_forTaskFinishedBeforeFirstLease_isRejectedWithoutThrowing() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.apply(new CancelTask("t1", null, T0));

            Outcome.Results results = f.succeed("ag", "t1", 0, "\"x\"", T0 + 1);

            assertThat(results.accepted()).isEmpty();
            assertThat(results.rejected()).singleElement().satisfies(r -> assertThat(r.taskId()).isEqualTo("t1"));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.CANCELLED);
        }

        @Test
        void report_unknownTask_isRejected() {
            f.registerAgent("ag", 1, "cap");

            Outcome.Results results = f.succeed("ag", "ghost", 1, "1", T0);

            assertThat(results.rejected()).containsExactly(new RejectedResult("ghost", ErrorCodes.UNKNOWN_TASK));
            assertThat(f.state.taskCount()).isZero();
        }

        @Test
        void report_statusNeitherSucceededNorFailed_isRejectedInvalid() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");

            Outcome.Results results = f.report("ag",
                    new ReportResults.Report("t1", 1, TaskState.RUNNING, null, null, 0), T0 + 1);

            assertThat(results.rejected()).containsExactly(new RejectedResult("t1", ErrorCodes.INVALID_RESULT));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.LEASED);
            assertThat(f.task("t1").staleResults()).isZero();
        }
    }

    @Nested
    class Expire {
        @Test
        void expire_liveAttemptWithAttemptsLeft_requeuesAfterDelay() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            ErrorInfo reason = retryable(ErrorCodes.LEASE_EXPIRED);

            Outcome outcome = f.apply(new ExpireAttempt("t1", 1, reason, 300, T0 + 10));

            Task task = f.task("t1");
            assertThat(outcome).isEqualTo(new Outcome.TaskOutcome(task, false));
            assertThat(task.state()).isEqualTo(TaskState.QUEUED);
            assertThat(task.visibleAtMs()).isEqualTo(T0 + 310);
            assertThat(task.attempts().getLast().outcome()).isEqualTo("expired");
            assertThat(f.agent("ag").activeTaskIds()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {ErrorCodes.START_TO_CLOSE_TIMEOUT, ErrorCodes.HEARTBEAT_TIMEOUT,
                ErrorCodes.LEASE_EXPIRED})
        void expire_timeoutCodeOnLastAttempt_endsTimedOut(String code) {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", spec("cap", retry(1), null), T0);
            f.lease("ag", T0, "t1");
            f.start("ag", "t1", 1, T0 + 1);

            f.apply(new ExpireAttempt("t1", 1, retryable(code), 0, T0 + 10));

            Task task = f.task("t1");
            assertThat(task.state()).isEqualTo(TaskState.TIMED_OUT);
            assertThat(task.error().code()).isEqualTo(code);
            assertThat(task.finishedAtMs()).isEqualTo(T0 + 10);
            assertThat(f.state.countInState(TaskState.TIMED_OUT)).isEqualTo(1);
            assertThat(f.agent("ag").activeTaskIds()).isEmpty();
        }

        @Test
        void expire_otherCodeOnLastAttempt_endsFailed() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", spec("cap", retry(1), null), T0);
            f.lease("ag", T0, "t1");

            f.apply(new ExpireAttempt("t1", 1, retryable(ErrorCodes.AGENT_DOWN), 0, T0 + 10));

            assertThat(f.task("t1").state()).isEqualTo(TaskState.FAILED);
        }

        @Test
        void expire_attemptNoLongerLive_isRejected() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", "cap");
            f.lease("ag", T0, "t1");
            f.apply(new ExpireAttempt("t1", 1, retryable(ErrorCodes.LEASE_EXPIRED), 0, T0 + 10));
            f.lease("ag", T0 + 20, "t1");

            Outcome old = f.apply(new ExpireAttempt("t1", 1, retryable(ErrorCodes.LEASE_EXPIRED), 0, T0 + 30));

            assertThat(old).isInstanceOfSatisfying(Outcome.Rejected.class,
                    r -> assertThat(r.code()).isEqualTo("conflict"));
            assertThat(f.task("t1").state()).isEqualTo(TaskState.LEASED);
            assertThat(f.task("t1").attempt()).isEqualTo(2);
        }

        @Test
        void expire_queuedTask_isRejected() {
            f.submit("t1", "cap");

            assertThat(f.apply(new ExpireAttempt("t1", 0, retryable(ErrorCodes.LEASE_EXPIRED), 0, T0)))
                    .isInstanceOf(Outcome.Rejected.class);
            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
        }

        @Test
        void expire_unknownTask_isRejectedNotFound() {
            assertThat(f.apply(new ExpireAttempt("ghost", 1, retryable(ErrorCodes.LEASE_EXPIRED), 0, T0)))
                    .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("not_found"));
        }
    }

    @Nested
    class ScheduleToStart {
        private static final Timeouts START_WITHIN_1S = new Timeouts(1_000, 0, 0);

        @Test
        void timeOut_queuedPastScheduleToStart_endsTimedOut() {
            f.submit("t1", spec("cap", retry(3), START_WITHIN_1S), T0);

            Outcome outcome = f.apply(new TimeOutTask("t1", T0 + 1_000));

            Task task = f.task("t1");
            assertThat(outcome).isEqualTo(new Outcome.TaskOutcome(task, false));
            assertThat(task.state()).isEqualTo(TaskState.TIMED_OUT);
            assertThat(task.error().code()).isEqualTo(ErrorCodes.SCHEDULE_TO_START_TIMEOUT);
            assertThat(task.finishedAtMs()).isEqualTo(T0 + 1_000);
            assertThat(f.state.queueDepth("cap")).isZero();
            assertThat(f.state.countInState(TaskState.QUEUED)).isZero();
        }

        @Test
        void timeOut_beforeLimit_isRejected() {
            f.submit("t1", spec("cap", retry(3), START_WITHIN_1S), T0);

            assertThat(f.apply(new TimeOutTask("t1", T0 + 999))).isInstanceOf(Outcome.Rejected.class);
            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
        }

        @Test
        void timeOut_afterFirstLease_isRejected() {
            f.registerAgent("ag", 1, "cap");
            f.submit("t1", spec("cap", retry(3), START_WITHIN_1S), T0);
            f.lease("ag", T0 + 10, "t1");
            f.fail("ag", "t1", 1, retryable("BOOM"), 0, T0 + 20);

            assertThat(f.apply(new TimeOutTask("t1", T0 + 5_000))).isInstanceOf(Outcome.Rejected.class);
            assertThat(f.task("t1").state()).isEqualTo(TaskState.QUEUED);
        }

        @Test
        void timeOut_withoutScheduleToStartTimeout_isRejected() {
            f.submit("t1", "cap");

            assertThat(f.apply(new TimeOutTask("t1", T0 + 1_000_000))).isInstanceOf(Outcome.Rejected.class);
        }

        @Test
        void timeOut_unknownTask_isRejectedNotFound() {
            assertThat(f.apply(new TimeOutTask("ghost", T0)))
                    .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("not_found"));
        }
    }
}
