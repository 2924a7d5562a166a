package dev.baton.server.control;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Seeded randomized simulation of core + control in a simulated cluster (see {@link ControlSimulation}): leader
 * changes that lose or carry over proposals, deposed leaders, node crashes and restarts from snapshots, a network
 * that loses, delays, reorders and duplicates requests and replies, agents that crash, restart or are cut off, a
 * fake clock, and invariant checks after every step. Runs seeds 1..N ({@code -Dbaton.controlsim.seeds=N}, default
 * {@value #DEFAULT_SEEDS}); a failure names its seed, which {@link #replay_seed()} replays with
 * {@code -Dbaton.controlsim.seed=S}.
 */
class ControlSimulationTest {
    private static final int DEFAULT_SEEDS = 2_000;
    /** The control package logs every leadership change and missed heartbeat: thousands of lines per seed. */
    private static final Logger CONTROL_LOG = (Logger) LoggerFactory.getLogger("dev.baton.server.control");
    private static Level savedLevel;

    @BeforeAll
    static void quietControlLogging() {
        savedLevel = CONTROL_LOG.getLevel();
        CONTROL_LOG.setLevel(Level.ERROR);
    }

    @AfterAll
    static void restoreControlLogging() {
        CONTROL_LOG.setLevel(savedLevel);
    }

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
