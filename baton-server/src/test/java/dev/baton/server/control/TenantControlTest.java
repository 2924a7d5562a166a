package dev.baton.server.control;

import static dev.baton.server.control.ControlHarness.CAPABILITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentTier;
import dev.baton.api.BudgetAction;
import dev.baton.api.BudgetPeriod;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import dev.baton.core.state.TenantSettings;
import dev.baton.core.state.TenantSpend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tenants on the leader: weighted fair share, priorities within a tenant, max in flight, budgets. */
class TenantControlTest {
    private final ControlHarness h = new ControlHarness();

    private static TaskSpec spec(String tenant, int priority) {
        return new TaskSpec(CAPABILITY, "{}", priority, null, tenant, Map.of(), RetryPolicy.DEFAULT, Timeouts.NONE);
    }

    private void configure(String tenant, Double budget, BudgetPeriod period, int maxInFlight, int weight,
                           BudgetAction action) {
        h.await(h.control.setTenant(tenant, new TenantSettings(budget, period, null, maxInFlight, weight, action)));
    }

    private String paidAgent(String name, int slots, double costPerTask) {
        return ((Outcome.AgentOutcome) h.await(h.control.registerAgent(name, List.of(CAPABILITY), Map.of(), slots,
                costPerTask, AgentTier.STANDARD))).agent().id();
    }

    @Test
    void fairShare_twoTenantsFloodingOneCapability_getSlotsInProportionToWeights() {
        for (long seed : new long[] {1, 2, 3, 42, 2026}) {
            fairShareRun(seed);
        }
    }

    /** Weights 3:1, both backlogged all along; agents poll in a seeded random order and finish at once. */
    private void fairShareRun(long seed) {
        ControlHarness run = new ControlHarness();
        Random random = new Random(seed);
        run.await(run.control.setTenant("gold", new TenantSettings(null, null, null, null, 3, null)));
        run.await(run.control.setTenant("bronze", new TenantSettings(null, null, null, null, 1, null)));
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            agents.add(run.register("agent-" + i, 1 + random.nextInt(3)));
        }
        Map<String, Integer> priorityById = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            for (String tenant : List.of("gold", "bronze")) {
                int priority = 1 + random.nextInt(5);
                priorityById.put(run.submit(spec(tenant, priority)), priority);
            }
        }
        Map<String, Integer> served = new HashMap<>();
        Map<String, List<Integer>> priorities = new HashMap<>();
        int window = 400; // gold (450 of 600 over this window at 3:1) and bronze both stay backlogged
        while (served.values().stream().mapToInt(Integer::intValue).sum() < window) {
            Collections.shuffle(agents, random);
            for (String agent : agents) {
                for (Task task : run.await(run.control.poll(agent, 3, 0))) {
                    served.merge(task.spec().tenant(), 1, Integer::sum);
                    priorities.computeIfAbsent(task.spec().tenant(), t -> new ArrayList<>())
                            .add(priorityById.get(task.id()));
                    run.report(agent, task, TaskState.SUCCEEDED);
                }
            }
        }
        double goldShare = (double) served.get("gold") / (served.get("gold") + served.get("bronze"));
        System.out.printf("fair share seed %d: gold %d, bronze %d, gold share %.3f (target 0.750)%n", seed,
                served.get("gold"), served.get("bronze"), goldShare);
        assertThat(goldShare).as("seed %d: gold %s, bronze %s", seed, served.get("gold"), served.get("bronze"))
                .isBetween(0.75 * 0.9, 0.75 * 1.1);
        assertThat(priorities.get("gold")).as("seed %d: gold's own tasks in priority order", seed)
                .isSortedAccordingTo(Collections.reverseOrder());
        assertThat(priorities.get("bronze")).as("seed %d", seed).isSortedAccordingTo(Collections.reverseOrder());
    }

    @Test
    void costAware_premiumWhileUnderThreshold_thenStandardOnly() {
        h.await(h.control.setTenant("acme", new TenantSettings(100.0, BudgetPeriod.DAY, 5.0, 0, 1, null)));
        String premium = ((Outcome.AgentOutcome) h.await(h.control.registerAgent("pro", List.of(CAPABILITY),
                Map.of(), 4, 3, AgentTier.PREMIUM))).agent().id();
        String standard = paidAgent("std", 4, 1);
        TaskSpec costAware = new TaskSpec(CAPABILITY, "{}", 3, null, "acme", Map.of(), RetryPolicy.DEFAULT,
                Timeouts.NONE, Map.of(), "cost_aware", null, null);

        List<String> ranOn = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // spend after each: 3, 6 (past the threshold of 5), 7, 8
            String id = h.submit(costAware);
            for (String agent : List.of(premium, standard)) {
                for (Task task : h.await(h.control.poll(agent, 4, 0))) {
                    assertThat(task.id()).isEqualTo(id);
                    ranOn.add(agent.equals(premium) ? "premium" : "standard");
                    h.report(agent, task, TaskState.SUCCEEDED);
                }
            }
        }

        assertThat(ranOn).containsExactly("premium", "premium", "standard", "standard");
        double spent = h.store.read(s -> s.tenantSpend("acme").spentIn(BudgetPeriod.DAY, h.clock.getAsLong()));
        assertThat(spent).isEqualTo(8.0);
    }

    @Test
    void costAware_pastThresholdWithOnlyPremiumFree_waitsForAStandardAgent() {
        h.await(h.control.setTenant("acme", new TenantSettings(null, BudgetPeriod.DAY, 1.0, 0, 1, null)));
        String premium = ((Outcome.AgentOutcome) h.await(h.control.registerAgent("pro", List.of(CAPABILITY),
                Map.of(), 4, 2, AgentTier.PREMIUM))).agent().id();
        TaskSpec costAware = new TaskSpec(CAPABILITY, "{}", 3, null, "acme", Map.of(), RetryPolicy.DEFAULT,
                Timeouts.NONE, Map.of(), "cost_aware", null, null);
        h.submit(costAware);
        h.report(premium, h.pollOne(premium), TaskState.SUCCEEDED); // spend 2, past the threshold of 1

        String waiting = h.submit(costAware);
        assertThat(h.await(h.control.poll(premium, 4, 0))).isEmpty();
        String standard = paidAgent("std", 4, 1);
        assertThat(h.pollNow(standard, 4)).extracting(Task::id).containsExactly(waiting);
    }

    @Test
    void maxInFlight_neverMoreLeasedOrRunningThanTheLimit() {
        configure("acme", null, null, 2, 1, null);
        String agent = h.register("big", 8);
        for (int i = 0; i < 5; i++) {
            h.submit(spec("acme", 3));
        }
        String other = h.submit(spec("other", 3));

        List<Task> first = h.pollNow(agent, 8);
        assertThat(first).extracting(t -> t.spec().tenant()).containsExactlyInAnyOrder("acme", "acme", "other");
        assertThat(h.await(h.control.poll(agent, 8, 0))).isEmpty();

        h.report(agent, first.stream().filter(t -> t.spec().tenant().equals("acme")).findFirst().orElseThrow(),
                TaskState.SUCCEEDED);
        List<Task> next = h.pollNow(agent, 8);
        assertThat(next).hasSize(1);
        int inFlight = h.store.read(s -> s.tenantInFlight("acme"));
        assertThat(inFlight).isEqualTo(2);
        assertThat(other).isNotNull();
    }

    @Test
    void budget_reject_refusesSubmissionsOnceSpent_untilThePeriodRollsOver() {
        configure("acme", 10.0, BudgetPeriod.HOUR, 0, 1, BudgetAction.REJECT);
        String agent = paidAgent("paid", 4, 5);
        for (int i = 0; i < 2; i++) {
            h.submit(spec("acme", 3));
        }
        h.pollNow(agent, 4).forEach(t -> h.report(agent, t, TaskState.SUCCEEDED));

        Outcome refused = h.await(h.control.submit(spec("acme", 3)));
        assertThat(refused).isInstanceOf(Outcome.BudgetExhausted.class);
        Outcome.BudgetExhausted b = (Outcome.BudgetExhausted) refused;
        assertThat(b.spent()).isEqualTo(10);
        assertThat(b.periodEndMs()).isEqualTo(TenantSpend.periodEndMs(BudgetPeriod.HOUR, h.clock.getAsLong()));
        assertThat(h.await(h.control.submit(spec("someone-else", 3)))).isInstanceOf(Outcome.TaskOutcome.class);

        h.stayAliveFor(agent, b.periodEndMs() - h.clock.getAsLong());
        assertThat(h.await(h.control.submit(spec("acme", 3)))).isInstanceOf(Outcome.TaskOutcome.class);
    }

    @Test
    void budget_hold_acceptsButHoldsUntilThePeriodRollsOver() {
        configure("acme", 5.0, BudgetPeriod.HOUR, 0, 1, BudgetAction.HOLD);
        String agent = paidAgent("paid", 4, 5);
        h.submit(spec("acme", 3));
        h.report(agent, h.pollOne(agent), TaskState.SUCCEEDED);

        String held = h.submit(spec("acme", 3));
        assertThat(h.await(h.control.poll(agent, 4, 0))).isEmpty();
        assertThat(h.task(held).state()).isEqualTo(TaskState.QUEUED);

        long reset = TenantSpend.periodEndMs(BudgetPeriod.HOUR, h.clock.getAsLong());
        h.stayAliveFor(agent, reset - h.clock.getAsLong());
        assertThat(h.pollNow(agent, 4)).extracting(Task::id).containsExactly(held);
    }
}
