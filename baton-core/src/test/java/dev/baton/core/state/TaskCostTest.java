package dev.baton.core.state;

import static dev.baton.core.state.StateFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentTier;
import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.TaskState;
import dev.baton.core.command.ExpireAttempt;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskCostTest {
    private final StateFixture f = new StateFixture();

    private void paidAgent(String id, double costPerTask) {
        f.apply(new RegisterAgent(id, id, List.of("c"), Map.of(), 4, T0, costPerTask, AgentTier.PREMIUM));
    }

    @Test
    void register_keepsCostAndTier() {
        paidAgent("a", 1.5);
        assertThat(f.agent("a").costPerTask()).isEqualTo(1.5);
        assertThat(f.agent("a").tier()).isEqualTo(AgentTier.PREMIUM);
    }

    @Test
    void report_withoutCost_chargesDeclaredCostPerTask() {
        paidAgent("a", 2);
        f.submit("t", "c");
        f.lease("a", T0, "t");
        f.succeed("a", "t", 1, "1", T0 + 1);
        assertThat(f.task("t").attempts().getFirst().cost()).isEqualTo(2.0);
        assertThat(f.task("t").totalCost()).isEqualTo(2.0);
    }

    @Test
    void report_withCost_winsOverDeclared_andFailuresCountToo() {
        paidAgent("a", 2);
        f.submit("t", "c");
        f.lease("a", T0, "t");
        f.report("a", new ReportResults.Report("t", 1, TaskState.FAILED, null, StateFixture.retryable("X"), 0, 0.25),
                T0 + 1);
        f.lease("a", T0 + 2, "t");
        f.report("a", new ReportResults.Report("t", 2, TaskState.SUCCEEDED, "1", null, 0, 4.0), T0 + 3);
        assertThat(f.task("t").attempts()).extracting(Attempt::cost).containsExactly(0.25, 4.0);
        assertThat(f.task("t").totalCost()).isEqualTo(4.25);
    }

    @Test
    void expiredAttempt_withoutResult_costsNothing() {
        paidAgent("a", 2);
        f.submit("t", "c");
        f.lease("a", T0, "t");
        f.apply(new ExpireAttempt("t", 1, ErrorInfo.of(ErrorCodes.LEASE_EXPIRED, "gone", true), 0, T0 + 1));
        assertThat(f.task("t").attempts().getFirst().cost()).isNull();
        assertThat(f.task("t").totalCost()).isZero();
    }

    @Test
    void consensus_parentTotalsItsSources_tenantChargedOncePerSource() {
        paidAgent("a", 2);
        paidAgent("b", 3);
        TaskSpec spec = new TaskSpec("c", "{}", 3, null, "acme", null, StateFixture.retry(1), null, null, null,
                dev.baton.api.Strategy.consensus(2, 2, "exact"), null);
        f.submit("p", spec, T0);
        f.lease("a", T0, Task.sourceId("p", 1));
        f.lease("b", T0, Task.sourceId("p", 2));
        f.succeed("a", Task.sourceId("p", 1), 1, "1", T0 + 1);
        f.succeed("b", Task.sourceId("p", 2), 1, "1", T0 + 2);

        assertThat(f.task("p").state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(f.task("p").totalCost()).isEqualTo(5.0);
        assertThat(f.state.tenantSpend("acme").totalSpent()).isEqualTo(5.0);
    }

    @Test
    void staleResult_chargesNothing() {
        paidAgent("a", 2);
        f.submit("t", "c");
        f.lease("a", T0, "t");
        f.report("a", new ReportResults.Report("t", 7, TaskState.SUCCEEDED, "1", null, 0, 9.0), T0 + 1);
        assertThat(f.task("t").totalCost()).isZero();
    }
}
