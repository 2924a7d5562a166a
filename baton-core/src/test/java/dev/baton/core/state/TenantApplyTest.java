package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentTier;
import dev.baton.api.BudgetAction;
import dev.baton.api.BudgetPeriod;
import dev.baton.api.TaskState;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.command.DeleteTenant;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.SetTenant;
import dev.baton.core.command.SubmitTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantApplyTest {
    /** 2026-12-01T10:30:00Z. */
    private static final long NOW = Instant.parse("2026-12-01T10:30:00Z").toEpochMilli();
    private static final TenantSettings BUDGET_10 = new TenantSettings(10.0, BudgetPeriod.DAY, null, 0, 1,
            BudgetAction.REJECT);
    private final StateFixture f = new StateFixture();

    private static TaskSpec spec(String tenant) {
        return new TaskSpec("c", "{}", TaskSpec.DEFAULT_PRIORITY, null, tenant, null, StateFixture.retry(1), null);
    }

    private Outcome submit(String id, String tenant, TenantSettings settings, long nowMs) {
        return f.apply(new SubmitTask(id, spec(tenant), nowMs, settings));
    }

    /** Runs task {@code id} of tenant on agent "a" (costs {@code cost}) to success at {@code nowMs}. */
    private void runAndCharge(String id, String tenant, double cost, long nowMs) {
        submit(id, tenant, null, nowMs);
        f.lease("a", nowMs, id);
        f.report("a", new ReportResults.Report(id, 1, TaskState.SUCCEEDED, "1", null, 0, cost), nowMs);
    }

    private void agent() {
        f.apply(new RegisterAgent("a", "a", List.of("c"), Map.of(), 8, NOW, 0, AgentTier.STANDARD));
    }

    @Test
    void setTenant_createsThenReplaces_deleteRemoves() {
        Outcome created = f.apply(new SetTenant("acme", BUDGET_10, NOW));
        Outcome replaced = f.apply(new SetTenant("acme", TenantSettings.UNLIMITED, NOW + 5));

        assertThat(((Outcome.TenantOutcome) created).created()).isTrue();
        assertThat(((Outcome.TenantOutcome) replaced).created()).isFalse();
        Tenant tenant = f.state.tenantByName("acme").orElseThrow();
        assertThat(tenant.settings()).isEqualTo(TenantSettings.UNLIMITED);
        assertThat(tenant.createdAtMs()).isEqualTo(NOW);
        assertThat(tenant.updatedAtMs()).isEqualTo(NOW + 5);

        assertThat(f.apply(new DeleteTenant("acme", NOW))).isInstanceOf(Outcome.TenantOutcome.class);
        assertThat(f.state.tenantByName("acme")).isEmpty();
        assertThat(f.apply(new DeleteTenant("acme", NOW))).isInstanceOf(Outcome.Rejected.class);
    }

    @Test
    void results_chargeTheTenantInEveryPeriod() {
        agent();
        runAndCharge("t1", "acme", 4, NOW);
        runAndCharge("t2", "acme", 1.5, NOW + 1);

        TenantSpend spend = f.state.tenantSpend("acme");
        assertThat(spend.spentIn(BudgetPeriod.HOUR, NOW)).isEqualTo(5.5);
        assertThat(spend.spentIn(BudgetPeriod.DAY, NOW)).isEqualTo(5.5);
        assertThat(spend.spentIn(BudgetPeriod.MONTH, NOW)).isEqualTo(5.5);
        assertThat(spend.totalSpent()).isEqualTo(5.5);
        assertThat(f.state.tenantSpend("other").totalSpent()).isZero();
    }

    @Test
    void spend_readsZeroOnceItsPeriodRolledOver() {
        agent();
        runAndCharge("t1", "acme", 4, NOW);
        TenantSpend spend = f.state.tenantSpend("acme");

        long nextHour = Instant.parse("2026-12-01T11:00:00Z").toEpochMilli();
        long nextDay = Instant.parse("2026-12-02T00:00:00Z").toEpochMilli();
        long nextMonth = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
        assertThat(spend.spentIn(BudgetPeriod.HOUR, nextHour - 1)).isEqualTo(4);
        assertThat(spend.spentIn(BudgetPeriod.HOUR, nextHour)).isZero();
        assertThat(spend.spentIn(BudgetPeriod.DAY, nextHour)).isEqualTo(4);
        assertThat(spend.spentIn(BudgetPeriod.DAY, nextDay)).isZero();
        assertThat(spend.spentIn(BudgetPeriod.MONTH, nextDay)).isEqualTo(4);
        assertThat(spend.spentIn(BudgetPeriod.MONTH, nextMonth)).isZero();

        runAndCharge("t2", "acme", 1, nextDay);
        assertThat(f.state.tenantSpend("acme").spentIn(BudgetPeriod.DAY, nextDay)).isEqualTo(1);
        assertThat(f.state.tenantSpend("acme").spentIn(BudgetPeriod.MONTH, nextDay)).isEqualTo(5);
    }

    @Test
    void periodBoundaries_areUtcCalendarPeriods() {
        long feb = Instant.parse("2028-02-29T23:59:59Z").toEpochMilli();
        assertThat(Instant.ofEpochMilli(TenantSpend.periodStartMs(BudgetPeriod.MONTH, feb)))
                .isEqualTo(Instant.parse("2028-02-01T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(TenantSpend.periodEndMs(BudgetPeriod.MONTH, feb)))
                .isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(TenantSpend.periodEndMs(BudgetPeriod.DAY, feb)))
                .isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(Instant.ofEpochMilli(TenantSpend.periodEndMs(BudgetPeriod.HOUR, NOW)))
                .isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
    }

    @Test
    void submit_pastBudgetWithReject_isBudgetExhaustedOutcome_andNothingChanges() {
        agent();
        runAndCharge("t1", "acme", 10, NOW);
        int tasks = f.state.taskCount();

        Outcome outcome = submit("t2", "acme", BUDGET_10, NOW + 1);

        assertThat(outcome).isEqualTo(new Outcome.BudgetExhausted("acme", 10, 10, BudgetPeriod.DAY,
                Instant.parse("2026-12-02T00:00:00Z").toEpochMilli()));
        assertThat(f.state.taskCount()).isEqualTo(tasks);
        assertThat(submit("t3", "acme", BUDGET_10, Instant.parse("2026-12-02T00:00:00Z").toEpochMilli()))
                .isInstanceOf(Outcome.TaskOutcome.class);
    }

    @Test
    void submit_racingTheResultThatExhaustsTheBudget_isDecidedByApplyOrder() {
        agent();
        runAndCharge("t1", "acme", 9, NOW);
        submit("t2", "acme", BUDGET_10, NOW); // admitted: 9 < 10
        f.lease("a", NOW, "t2");
        // The leader decided the next submission while spend was 9; the result that reaches 10 commits first.
        f.report("a", new ReportResults.Report("t2", 1, TaskState.SUCCEEDED, "1", null, 0, 1.0), NOW + 1);

        assertThat(submit("t3", "acme", BUDGET_10, NOW + 2)).isInstanceOf(Outcome.BudgetExhausted.class);
    }

    @Test
    void submit_pastBudgetWithHold_isAccepted_butNotLeasedUntilThePeriodRollsOver() {
        agent();
        runAndCharge("t1", "acme", 10, NOW);
        TenantSettings hold = new TenantSettings(10.0, BudgetPeriod.HOUR, null, 0, 1, BudgetAction.HOLD);

        assertThat(submit("t2", "acme", hold, NOW + 1)).isInstanceOf(Outcome.TaskOutcome.class);
        Outcome.Leased held = (Outcome.Leased) f.apply(new LeaseTasks("a", List.of("t2"), NOW + 2,
                Map.of("acme", hold)));
        long nextHour = Instant.parse("2026-12-01T11:00:00Z").toEpochMilli();
        Outcome.Leased released = (Outcome.Leased) f.apply(new LeaseTasks("a", List.of("t2"), nextHour,
                Map.of("acme", hold)));

        assertThat(held.tasks()).isEmpty();
        assertThat(released.tasks()).extracting(Task::id).containsExactly("t2");
    }

    @Test
    void lease_neverExceedsTheTenantsMaxInFlight() {
        agent();
        TenantSettings two = new TenantSettings(null, BudgetPeriod.DAY, null, 2, 1, BudgetAction.REJECT);
        for (String id : List.of("t1", "t2", "t3", "o1")) {
            submit(id, id.startsWith("t") ? "acme" : "other", null, NOW);
        }

        Outcome.Leased leased = (Outcome.Leased) f.apply(new LeaseTasks("a", List.of("t1", "t2", "t3", "o1"), NOW,
                Map.of("acme", two)));

        assertThat(leased.tasks()).extracting(Task::id).containsExactly("t1", "t2", "o1");
        assertThat(f.state.tenantInFlight("acme")).isEqualTo(2);
        assertThat(f.state.tenantQueued("acme")).isEqualTo(1);
    }

    @Test
    void snapshot_keepsTenantsAndLedgers() {
        agent();
        f.apply(new SetTenant("acme", BUDGET_10, NOW));
        runAndCharge("t1", "acme", 3, NOW);

        BatonState copy = BatonState.fromSnapshot(SnapshotCodec.decode(SnapshotCodec.encode(f.state.toSnapshot())));

        assertThat(copy.tenantByName("acme")).isEqualTo(f.state.tenantByName("acme"));
        assertThat(copy.tenantSpend("acme")).isEqualTo(f.state.tenantSpend("acme"));
        assertThat(SnapshotCodec.digest(copy.toSnapshot())).isEqualTo(SnapshotCodec.digest(f.state.toSnapshot()));
        assertThat(copy.knownTenantNames()).containsExactly("acme");
    }

    @Test
    void evict_dropsLedgersOfUnconfiguredTenantsIdleThisMonth() {
        agent();
        f.apply(new SetTenant("kept", BUDGET_10, NOW));
        runAndCharge("t1", "kept", 1, NOW);
        runAndCharge("t2", "gone", 1, NOW);
        long nextMonth = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();

        f.apply(new dev.baton.core.command.EvictFinishedTasks(nextMonth, 100, nextMonth));

        assertThat(f.state.knownTenantNames()).containsExactly("kept");
    }
}
