package dev.baton.server.control;

import dev.baton.core.command.Command;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transitions the leader proposes on its own, driven by timers and liveness (attempt expiries, timeouts, agent
 * down, deregistration after a drain, retention): at most one proposal in flight per key, so a timer that fires
 * again before its commit does not propose twice, and a failure is handled only while the leadership that
 * proposed it lasts (after a change, the rebuild from the replicated state takes over).
 *
 * <p>Threading: control loop only; completions come back on {@code loop}.
 */
final class Transitions {
    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private final CommandLog log;
    private final Executor loop;
    private final Set<String> pending = new HashSet<>();
    private long epoch;

    Transitions(CommandLog log, Executor loop) {
        this.log = log;
        this.loop = loop;
    }

    /** Proposes {@code command} unless a proposal under {@code key} is still in flight. */
    void propose(String key, Command command) {
        propose(key, command, () -> { });
    }

    /** As above; {@code onFailure} runs on the loop if the proposal failed while this leadership lasts. */
    void propose(String key, Command command, Runnable onFailure) {
        if (!pending.add(key)) {
            return;
        }
        long proposedIn = epoch;
        log.propose(command).whenCompleteAsync((outcome, error) -> {
            if (proposedIn != epoch) {
                return; // the rebuild from the replicated state took over
            }
            pending.remove(key);
            if (error != null) {
                LOG.warn("could not commit {}: {}", key, error.toString());
                onFailure.run();
            }
        }, loop);
    }

    /** Forgets every proposal in flight and serves leadership {@code newEpoch}. */
    void reset(long newEpoch) {
        pending.clear();
        epoch = newEpoch;
    }
}
