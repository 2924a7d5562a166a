package dev.baton.client;

import dev.baton.api.AgentRegistration;
import dev.baton.api.AgentState;
import dev.baton.api.HeartbeatResponse;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends the agent's heartbeat every {@code heartbeatIntervalMs} of its registration, listing the
 * attempts running now, and interrupts the handlers Baton lists in {@code stop}. An unknown-agent
 * reply (404) or a {@code down} state makes the agent register again.
 *
 * <p>Threading: runs on its own virtual thread until interrupted; reads {@link RunningTasks}
 * concurrently with the handler threads.
 */
final class HeartbeatLoop implements Runnable {
    static final long DEFAULT_INTERVAL_MS = 5_000;
    static final long MIN_INTERVAL_MS = 20;
    private static final Logger log = LoggerFactory.getLogger(HeartbeatLoop.class);

    private final AgentSession session;
    private final RunningTasks running;
    private final Consumer<BatonException> onFatal;
    private AgentState lastState = AgentState.READY;

    HeartbeatLoop(AgentSession session, RunningTasks running, Consumer<BatonException> onFatal) {
        this.session = session;
        this.running = running;
        this.onFatal = onFatal;
    }

    @Override
    public void run() {
        try {
            while (!session.awaitRegistration(1_000)) {
                // Registration is the poll thread's job; wait for it.
            }
            while (true) {
                AgentRegistration registration = session.current();
                Thread.sleep(intervalMs(registration));
                beat(session.current());
            }
        } catch (InterruptedException e) {
            // Shutdown.
        } finally {
            MDC.clear();
        }
    }

    private void beat(AgentRegistration registration) {
        MDC.put("agent_id", registration.id());
        try {
            HeartbeatResponse reply = session.heartbeat(registration.id(), running.refs());
            if (reply == null) {
                return;
            }
            if (reply.stop() != null && !reply.stop().isEmpty()) {
                int stopped = running.stop(reply.stop());
                log.info("Baton asked to stop {} attempts ({} running here)", reply.stop().size(), stopped);
            }
            noteState(registration, reply.state());
        } catch (BatonApiException e) {
            if (e.status() == 404) {
                reRegister(registration.id());
            } else if (e.isAuthFailure()) {
                onFatal.accept(e);
            } else {
                log.warn("Heartbeat failed: {}", e.getMessage());
            }
        } catch (BatonUnavailableException e) {
            if (!Thread.currentThread().isInterrupted()) {
                log.warn("Heartbeat failed: {}", e.getMessage());
            }
        }
    }

    private void noteState(AgentRegistration registration, AgentState state) {
        if (state == null || state == lastState) {
            return;
        }
        lastState = state;
        if (state == AgentState.DOWN) {
            log.warn("Baton marked agent {} down", registration.id());
            reRegister(registration.id());
            lastState = AgentState.READY;
        } else {
            log.info("Baton reports agent {} as {}", registration.id(), state.wireName());
        }
    }

    private void reRegister(String staleId) {
        try {
            session.reRegister(staleId);
        } catch (BatonApiException e) {
            if (e.isAuthFailure()) {
                onFatal.accept(e);
            } else {
                log.warn("Registering again failed: {}", e.getMessage());
            }
        } catch (BatonUnavailableException e) {
            log.warn("Registering again failed: {}", e.getMessage());
        }
    }

    private static long intervalMs(AgentRegistration registration) {
        long intervalMs = registration.heartbeatIntervalMs() > 0 ? registration.heartbeatIntervalMs()
                : DEFAULT_INTERVAL_MS;
        return Math.max(MIN_INTERVAL_MS, intervalMs);
    }
}
