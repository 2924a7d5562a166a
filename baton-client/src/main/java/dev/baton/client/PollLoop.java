package dev.baton.client;

import dev.baton.api.AgentRegistration;
import dev.baton.api.LeasedTask;
import dev.baton.api.PollResponse;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Registers the agent, then long-polls for as many tasks as it has free slots and hands them to
 * the {@link TaskRunner}. It never polls while every slot is busy. Connection failures back off
 * exponentially with jitter; an unknown-agent reply (404) registers again.
 *
 * <p>Threading: runs on one virtual thread until {@code stopping} turns true or the thread is
 * interrupted (which also cancels a poll in flight). {@code onFatal} must make {@code stopping}
 * true before it returns.
 */
final class PollLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

    private final AgentSession session;
    private final TaskRunner runner;
    private final Semaphore slots;
    private final long pollWaitMs;
    private final BooleanSupplier stopping;
    private final Consumer<BatonException> onFatal;
    private final Backoff backoff = Backoff.reconnect();

    PollLoop(AgentSession session, TaskRunner runner, Semaphore slots, long pollWaitMs, BooleanSupplier stopping,
             Consumer<BatonException> onFatal) {
        this.session = session;
        this.runner = runner;
        this.slots = slots;
        this.pollWaitMs = pollWaitMs;
        this.stopping = stopping;
        this.onFatal = onFatal;
    }

    @Override
    public void run() {
        try {
            while (!stopping.getAsBoolean()) {
                AgentRegistration registration = session.current();
                if (registration == null) {
                    if (!register()) {
                        return;
                    }
                    continue;
                }
                MDC.put("agent_id", registration.id());
                pollOnce(registration);
            }
        } catch (InterruptedException e) {
            // Shutdown.
        } finally {
            MDC.clear();
        }
    }

    private void pollOnce(AgentRegistration registration) throws InterruptedException {
        slots.acquire();
        int wanted = 1 + slots.drainPermits();
        List<LeasedTask> leased;
        try {
            PollResponse reply = session.poll(registration.id(), wanted, pollWaitMs);
            leased = reply == null || reply.tasks() == null ? List.of() : reply.tasks();
            backoff.reset();
        } catch (BatonException e) {
            slots.release(wanted);
            onPollError(registration, e);
            return;
        }
        if (leased.size() < wanted) {
            slots.release(wanted - leased.size());
        }
        for (int i = 0; i < leased.size(); i++) {
            if (i >= wanted) {
                slots.acquire(); // The server sent more than asked: run them anyway, within the limit.
            }
            runner.launch(leased.get(i), registration.id());
        }
    }

    private void onPollError(AgentRegistration registration, BatonException e) throws InterruptedException {
        if (stopping.getAsBoolean()) {
            return;
        }
        if (e instanceof BatonApiException api && api.status() == 404) {
            reRegister(registration.id());
        } else if (e instanceof BatonApiException api && api.isAuthFailure()) {
            onFatal.accept(e); // Sets the stopping flag: the loop ends.
        } else {
            log.warn("Poll failed, retrying: {}", e.getMessage());
            backoff.pause();
        }
    }

    /** Registers with backoff until it works; false when it failed for good (the worker is stopping). */
    private boolean register() throws InterruptedException {
        try {
            session.register();
            backoff.reset();
            return true;
        } catch (BatonApiException e) {
            if (e.isAuthFailure() || (e.isRejected() && e.status() != 408 && e.status() != 429)) {
                onFatal.accept(e);
                return false;
            }
            log.warn("Registration failed, retrying: {}", e.getMessage());
        } catch (BatonUnavailableException e) {
            log.warn("Registration failed, retrying: {}", e.getMessage());
        }
        backoff.pause();
        return true;
    }

    private void reRegister(String staleId) throws InterruptedException {
        try {
            session.reRegister(staleId);
            backoff.reset();
        } catch (BatonApiException e) {
            if (e.isAuthFailure()) {
                onFatal.accept(e);
                return;
            }
            log.warn("Registering again failed: {}", e.getMessage());
            backoff.pause();
        } catch (BatonUnavailableException e) {
            log.warn("Registering again failed: {}", e.getMessage());
            backoff.pause();
        }
    }
}
