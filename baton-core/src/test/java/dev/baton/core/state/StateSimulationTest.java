package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized runs of {@link SimulationDriver}: a leader plays random sequences of commands (with faults,
 * stale decisions and snapshot restores) against one {@link BatonState}, checking invariants after every step, then
 * drains every acknowledged task to an end and replays the log to the same digest.
 *
 * <p>{@code -Dbaton.sim.seeds=N} runs seeds {@code 1..N} (default 200); {@code -Dbaton.sim.steps=N} sets the steps per
 * seed (default 400). A failure names its seed; {@code -Dbaton.sim.seed=S} replays one seed in {@link #replay_seed}.
 */
class StateSimulationTest {
    private static final int DEFAULT_SEEDS = 200;
    private static final int DEFAULT_STEPS = 400;
    private static final int DRAIN_ROUNDS = 200;

    /** Cases the default run must reach at least once, or the simulation has gone blind somewhere. */
    private static final List<String> MUST_COVER = List.of(
            "register new agent", "re-register agent", "submit new task", "submit repeated idempotency key",
            "lease routed tasks", "stale lease skips tasks", "stale lease rejected", "start", "start wrong attempt",
            "report success -> succeeded", "report failure -> queued", "report failure -> failed",
            "stale result rejected", "stale result rejected after finish", "duplicate result accepted",
            "duplicate of superseded result accepted",
            "agent down with tasks", "deregister agent with tasks", "expire live attempt -> queued",
            "expire live attempt -> timed_out", "expire live attempt -> failed", "expire dead attempt rejected",
            "schedule-to-start timeout", "early timeout rejected", "cancel queued", "cancel leased", "cancel running",
            "cancel succeeded", "evict some", "evict up to max", "restore from snapshot", "ask question",
            "answer question", "answer stale question", "question timed out", "cancel awaiting_input",
            "submit workflow");

    @Test
    void simulate_manySeeds_keepsInvariantsAndDrainsEveryTask() {
        int seeds = Integer.getInteger("baton.sim.seeds", DEFAULT_SEEDS);
        Map<String, Integer> coverage = new TreeMap<>();
        for (long seed = 1; seed <= seeds; seed++) {
            runSeed(seed).forEach((what, n) -> coverage.merge(what, n, Integer::sum));
        }
        if (seeds >= DEFAULT_SEEDS) {
            assertThat(coverage).as("cases the simulation reached").containsKeys(MUST_COVER.toArray(String[]::new));
        }
    }

    @Test
    void replay_seed() {
        String seed = System.getProperty("baton.sim.seed");
        Assumptions.assumeTrue(seed != null && !seed.isBlank(),
                "set -Dbaton.sim.seed=<seed> to replay one simulation seed");
        runSeed(Long.parseLong(seed.trim()));
    }

    private static Map<String, Integer> runSeed(long seed) {
        int steps = Integer.getInteger("baton.sim.steps", DEFAULT_STEPS);
        SimulationDriver driver = new SimulationDriver(seed);
        String phase = "random steps";
        try {
            driver.run(steps);
            phase = "drain";
            driver.drain(DRAIN_ROUNDS);
            phase = "replay";
            driver.checkReplayMatches();
            return driver.coverage();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("simulation seed " + seed + " failed in " + phase + " at step " + driver.step()
                    + " (replay: ./mvnw -B -q -o -pl baton-core test -Dtest=StateSimulationTest#replay_seed"
                    + " -Dbaton.sim.seed=" + seed + ")\n" + e.getMessage()
                    + "\nlast commands:\n  " + driver.recentCommands(), e);
        }
    }
}
