package dev.baton.server;

import dev.baton.api.Role;
import dev.baton.core.state.Outcome;
import dev.baton.server.auth.Tokens;
import dev.baton.server.control.Control;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the configured admin (and dev agent) keys are in the replicated state: whichever node is leader
 * stores their hashes once it leads, so a cluster started with only a token in its config accepts that token on
 * every node. Idempotent: a key whose hash is present is not written again.
 *
 * <p>{@link #onTick} runs on the control thread; {@link #awaitStored} on any thread.
 */
final class KeyBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(KeyBootstrap.class);

    private final Control control;
    private final String adminToken;
    private final String agentToken;
    private volatile boolean stored;
    private CompletableFuture<Void> inFlight;

    KeyBootstrap(Control control, String adminToken, String agentToken) {
        this.control = control;
        this.adminToken = adminToken;
        this.agentToken = agentToken;
    }

    /** Starts storing the keys when this node leads and they are not stored yet; retries after a failure. */
    void onTick() {
        if (stored || !control.isLeader() || inFlight != null && !inFlight.isDone()) {
            return;
        }
        List<CompletableFuture<Outcome>> writes = new ArrayList<>();
        writes.add(control.keys().ensureApiKey("admin", "admin", Role.ADMIN, Tokens.sha256(adminToken)));
        if (agentToken != null) {
            writes.add(control.keys().ensureApiKey("dev-agent", "dev-agent", Role.AGENT, Tokens.sha256(agentToken)));
        }
        inFlight = CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
            if (error == null) {
                stored = true;
            } else {
                LOG.warn("could not store the configured API keys yet ({}); will retry", error.toString());
            }
        });
    }

    /** Waits until the keys are stored; for a single node, which leads at once. */
    void awaitStored(long timeoutMs) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!stored) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("the admin key was not stored within " + timeoutMs + " ms (no Raft leader?)");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while storing the admin key", e);
            }
        }
    }
}
