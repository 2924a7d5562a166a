package dev.baton.server;

import dev.baton.server.control.Control;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends expired API keys and rotation grace periods on the leader's clock: each tick on the leader, asks
 * {@link Control#expireApiKeys} to propose {@code ExpireApiKeys} once the clock has passed the earliest expiry in the
 * state. Authentication also refuses an expired key by the serving node's clock, so a key stops working at its
 * expiry even before the removal commits.
 *
 * <p>{@link #onTick} runs on the control thread; one proposal in flight at a time.
 */
final class KeyExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(KeyExpiry.class);

    private final Control control;
    private CompletableFuture<?> inFlight;

    KeyExpiry(Control control) {
        this.control = control;
    }

    void onTick() {
        if (!control.isLeader() || inFlight != null && !inFlight.isDone()) {
            return;
        }
        inFlight = control.expireApiKeys().whenComplete((outcome, error) -> {
            if (error != null) {
                LOG.debug("could not expire API keys yet: {}", error.toString());
            }
        });
    }
}
