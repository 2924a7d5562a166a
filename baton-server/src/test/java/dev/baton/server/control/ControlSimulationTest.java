package dev.baton.server.control;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized simulation of core + control with fault injection (late commits, crashes, stale and duplicate
 * results, leader changes, restarts from snapshots) and invariant checks after every step. Runs seeds 1..N
 * ({@code -Dbaton.controlsim.seeds=N}, default 1000); a failure names its seed, which {@link #replay_seed()} replays
 * with {@code -Dbaton.controlsim.seed=S}.
 */
class ControlSimulationTest {
    private static final int DEFAULT_SEEDS = 1_000;

    @Test
    void simulation_acrossSeeds_keepsInvariantsAndFinishesEveryAcknowledgedTask() {
        int seeds = Integer.getInteger("baton.controlsim.seeds", DEFAULT_SEEDS);
        for (long seed = 1; seed <= seeds; seed++) {
            runSeed(seed);
        }
    }

    @Test
    void replay_seed() {
        String seed = System.getProperty("baton.controlsim.seed");
        Assumptions.assumeTrue(seed != null && !seed.isBlank(), "set -Dbaton.controlsim.seed=S to replay a seed");
        runSeed(Long.parseLong(seed.strip()));
    }

    private static void runSeed(long seed) {
        ControlSimulation simulation = new ControlSimulation(seed);
        try {
            simulation.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("control simulation failed for seed " + seed + " (replay with "
                    + "-Dtest=ControlSimulationTest#replay_seed -Dbaton.controlsim.seed=" + seed + "): "
                    + e.getMessage() + "\n" + simulation.trace(), e);
        }
    }
}
