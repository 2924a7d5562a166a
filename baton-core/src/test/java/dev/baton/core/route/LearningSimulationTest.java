package dev.baton.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The {@code thompson} policy against fixed choices and the other policies over {@link LearningSimulation}'s fixture:
 * over a fixed set of seeds it must reach at least 95 % of the best fixed agent's success rate at no more than 60 %
 * of the cost of always choosing the most expensive agent. Writes every run to
 * {@code target/learning-simulation.csv} (the copy in {@code docs/} is one such run).
 */
class LearningSimulationTest {
    private static final int SEEDS = 20;
    private static final int TASKS = 1_000;
    private static final List<String> POLICIES = List.of("thompson", "least_loaded", "round_robin");

    @Test
    void thompson_acrossSeeds_nearlyMatchesTheBestAgentAtAFractionOfThePremiumCost() throws IOException {
        List<LearningSimulation.Result> results = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (String policy : POLICIES) {
                results.add(LearningSimulation.run(policy, null, LearningSimulation.FIXTURE, TASKS, seed));
            }
            for (LearningSimulation.FixtureAgent agent : LearningSimulation.FIXTURE) {
                results.add(LearningSimulation.run("least_loaded", agent.id(), LearningSimulation.FIXTURE, TASKS,
                        seed));
            }
        }
        writeCsv(results, Path.of("target", "learning-simulation.csv"));

        double thompsonSuccess = mean(results, "thompson", true);
        double thompsonCost = mean(results, "thompson", false);
        double bestFixedSuccess = LearningSimulation.FIXTURE.stream()
                .mapToDouble(a -> mean(results, "always_" + a.id(), true)).max().orElseThrow();
        LearningSimulation.FixtureAgent priciest = LearningSimulation.FIXTURE.stream()
                .max(java.util.Comparator.comparingDouble(LearningSimulation.FixtureAgent::costPerTask)).orElseThrow();
        double priciestCost = mean(results, "always_" + priciest.id(), false);
        System.out.printf(Locale.ROOT, "thompson over %d seeds x %d tasks: success %.4f (best fixed %.4f, ratio %.3f),"
                        + " cost/task %.3f (always %s %.3f, ratio %.3f)%n", SEEDS, TASKS, thompsonSuccess,
                bestFixedSuccess, thompsonSuccess / bestFixedSuccess, thompsonCost, priciest.id(), priciestCost,
                thompsonCost / priciestCost);

        assertThat(thompsonSuccess).isGreaterThanOrEqualTo(0.95 * bestFixedSuccess);
        assertThat(thompsonCost).isLessThanOrEqualTo(0.60 * priciestCost);
        for (LearningSimulation.Result r : results) {
            if (r.policy().equals("thompson")) {
                assertThat(r.successRate()).as("seed %d", r.seed()).isGreaterThanOrEqualTo(0.90 * bestFixedSuccess);
                assertThat(r.meanCost()).as("seed %d", r.seed()).isLessThanOrEqualTo(0.60 * priciestCost);
            }
        }
    }

    @Test
    void run_sameSeed_isReproducible() {
        var first = LearningSimulation.run("thompson", null, LearningSimulation.FIXTURE, 200, 42);
        var second = LearningSimulation.run("thompson", null, LearningSimulation.FIXTURE, 200, 42);
        assertThat(second).isEqualTo(first);
    }

    private static double mean(List<LearningSimulation.Result> results, String policy, boolean success) {
        return results.stream().filter(r -> r.policy().equals(policy))
                .mapToDouble(r -> success ? r.successRate() : r.meanCost()).average().orElseThrow();
    }

    static void writeCsv(List<LearningSimulation.Result> results, Path file) throws IOException {
        StringBuilder csv = new StringBuilder("policy,seed,tasks,success_rate,mean_cost,mean_latency_ms,"
                + "premium,solid,cheap,flaky\n");
        for (LearningSimulation.Result r : results) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.4f,%.1f,%d,%d,%d,%d%n", r.policy(), r.seed(),
                    r.tasks(), r.successRate(), r.meanCost(), r.meanLatencyMs(),
                    r.tasksByAgent().getOrDefault("premium", 0), r.tasksByAgent().getOrDefault("solid", 0),
                    r.tasksByAgent().getOrDefault("cheap", 0), r.tasksByAgent().getOrDefault("flaky", 0)));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
    }
}
