package dev.baton.server;

import dev.baton.server.control.Control;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends expired API keys and rotation grace periods on the leader's clock: once a second on the leader, asks
 * {@link dev.baton.server.control.ApiKeyControl#expireApiKeys} to propose {@code ExpireApiKeys} once the clock has passed the earliest expiry in the
 * state. Authentication also refuses an expired key by the serving node's clock, so a key stops working at its
 * expiry even before the removal commits.
 *
 * <p>{@link #onTick} runs on the control thread; one proposal in flight at a time.
 */
final class KeyExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(KeyExpiry.class);

    /** How often the leader looks for expired keys; expiry is also refused at authentication meanwhile. */
    static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Control control;
    private CompletableFuture<?> inFlight;
    private long lastCheckNanos;

    KeyExpiry(Control control) {
        this.control = control;
        this.lastCheckNanos = System.nanoTime() - CHECK_EVERY_NANOS;
    }

    void onTick() {
        long now = System.nanoTime();
        if (!control.isLeader() || inFlight != null && !inFlight.isDone()
                || now - lastCheckNanos < CHECK_EVERY_NANOS) {
            return;
        }
        lastCheckNanos = now;
        inFlight = control.keys().expireApiKeys().whenComplete((outcome, error) -> {
            if (error != null) {
                LOG.debug("could not expire API keys yet: {}", error.toString());
            }
        });
    }
}
