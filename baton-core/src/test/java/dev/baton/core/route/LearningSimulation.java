package dev.baton.core.route;

import dev.baton.api.AgentTier;
import dev.baton.api.ErrorInfo;
import dev.baton.api.RetryPolicy;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.ReportResults;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.state.Agent;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A trace-driven simulation of routing policies over fixture agents whose success rates, latencies and costs are
 * hidden from the router. Each task goes through the real commands and apply: submitted, routed by a {@link Router}
 * among all agents (idle, so every agent is a candidate), leased, and reported succeeded or failed as the chosen
 * agent's hidden rate says, charged its cost, after its latency. The router learns only what apply recorded.
 * One attempt per task, so a failure is final. Deterministic for a seed.
 */
final class LearningSimulation {
    static final String CAPABILITY = "summarize";

    /** A fixture agent: what it is really like. */
    record FixtureAgent(String id, double successRate, long latencyMs, double costPerTask) {}

    /** How a policy (or a fixed agent) did over one run. */
    record Result(String policy, long seed, int tasks, int succeeded, double totalCost, long totalLatencyMs,
                  Map<String, Integer> tasksByAgent) {
        double successRate() {
            return (double) succeeded / tasks;
        }

        double meanCost() {
            return totalCost / tasks;
        }

        double meanLatencyMs() {
            return (double) totalLatencyMs / tasks;
        }
    }

    static final List<FixtureAgent> FIXTURE = List.of(
            new FixtureAgent("premium", 0.95, 2_000, 10.0),
            new FixtureAgent("solid", 0.93, 800, 3.0),
            new FixtureAgent("cheap", 0.80, 400, 1.0),
            new FixtureAgent("flaky", 0.55, 300, 0.5));

    private LearningSimulation() {}

    /** Runs {@code tasks} tasks routed by {@code policy}, or all to the agent {@code fixedAgent} when not null. */
    static Result run(String policy, String fixedAgent, List<FixtureAgent> fixture, int tasks, long seed) {
        Random world = new Random(seed);
        Random leader = new Random(seed ^ 0x5DEECE66DL);
        Draws draws = leader::nextDouble;
        BatonState state = new BatonState();
        long now = 1_000_000;
        for (FixtureAgent a : fixture) {
            state.apply(new RegisterAgent(a.id(), a.id(), List.of(CAPABILITY), Map.of(), 1, now, a.costPerTask(),
                    AgentTier.STANDARD), e -> { });
        }
        Router router = new Router(new RoutingConfig(policy, Map.of()));
        int succeeded = 0;
        double cost = 0;
        long latency = 0;
        Map<String, Integer> byAgent = new java.util.TreeMap<>();
        RetryPolicy once = new RetryPolicy(1, 1, 2.0, 1, List.of());
        for (int i = 0; i < tasks; i++) {
            String taskId = "t" + i;
            state.apply(new SubmitTask(taskId, new TaskSpec(CAPABILITY, "{}", 3, null, null, Map.of(), once,
                    Timeouts.NONE), now), e -> { });
            String agentId = fixedAgent != null ? fixedAgent : route(router, state, taskId, draws);
            state.apply(new LeaseTasks(agentId, List.of(taskId), now), e -> { });
            FixtureAgent truth = fixture.stream().filter(a -> a.id().equals(agentId)).findFirst().orElseThrow();
            boolean ok = world.nextDouble() < truth.successRate();
            now += truth.latencyMs();
            Task leased = state.taskById(taskId).orElseThrow();
            state.apply(new ReportResults(agentId, List.of(new ReportResults.Report(taskId, leased.attempt(),
                    ok ? TaskState.SUCCEEDED : TaskState.FAILED, ok ? "{\"summary\":\"...\"}" : null,
                    ok ? null : ErrorInfo.of("BAD_SUMMARY", "the summary was wrong", false), 0,
                    truth.costPerTask())), now), e -> { });
            succeeded += ok ? 1 : 0;
            cost += truth.costPerTask();
            latency += truth.latencyMs();
            byAgent.merge(agentId, 1, Integer::sum);
        }
        return new Result(fixedAgent != null ? "always_" + fixedAgent : policy, seed, tasks, succeeded, cost, latency,
                byAgent);
    }

    /** The router's choice for one task, built from the state the way the leader builds it. */
    private static String route(Router router, BatonState state, String taskId, Draws draws) {
        List<AgentSlot> slots = new ArrayList<>();
        for (Agent agent : state.agents()) {
            Map<String, AgentScore> scores = Map.of(CAPABILITY,
                    state.healthOf(agent.id()).score(CAPABILITY).view(agent.costPerTask()));
            slots.add(new AgentSlot(agent.id(), Set.copyOf(agent.capabilities()), agent.activeTaskIds().size(),
                    agent.maxConcurrency(), 1, agent.labels(), scores));
        }
        List<Assignment> plan = router.assign(List.of(new QueuedTask(taskId, CAPABILITY)), slots, draws);
        return plan.getFirst().agentId();
    }
}
