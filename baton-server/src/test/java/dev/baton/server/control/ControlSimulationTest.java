package dev.baton.server.control;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Collections;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
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
 * {@value #DEFAULT_SEEDS}) on {@code -Dbaton.controlsim.threads} threads (default: one per core); a failure names its
 * seed, which {@link #replay_seed()} replays with {@code -Dbaton.controlsim.seed=S}.
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

    /**
     * Runs the seeds on one thread per core, each seed on one thread from start to end (a run is deterministic
     * whatever thread it is on). Seeds are handed out in order and workers stop after a failure, so the failure
     * reported is that of the lowest failing seed.
     */
    @Test
    void simulation_acrossSeeds_keepsInvariantsAndFinishesEveryAcknowledgedTask() throws Exception {
        int seeds = Integer.getInteger("baton.controlsim.seeds", DEFAULT_SEEDS);
        int threads = Integer.getInteger("baton.controlsim.threads", Runtime.getRuntime().availableProcessors());
        AtomicLong nextSeed = new AtomicLong(1);
        ConcurrentSkipListMap<Long, AssertionError> failures = new ConcurrentSkipListMap<>();
        Callable<Void> worker = () -> {
            for (long seed = nextSeed.getAndIncrement(); seed <= seeds && failures.isEmpty();
                 seed = nextSeed.getAndIncrement()) {
                try {
                    runSeed(seed);
                } catch (AssertionError e) {
                    failures.put(seed, e);
                }
            }
            return null;
        };
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads))) {
            for (Future<Void> done : pool.invokeAll(Collections.nCopies(Math.max(1, threads), worker))) {
                done.get();
            }
        }
        if (!failures.isEmpty()) {
            throw failures.firstEntry().getValue();
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
