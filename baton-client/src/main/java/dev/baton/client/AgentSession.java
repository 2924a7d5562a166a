package dev.baton.client;

import dev.baton.api.AgentRegistration;
import dev.baton.api.HeartbeatRequest;
import dev.baton.api.HeartbeatResponse;
import dev.baton.api.PollRequest;
import dev.baton.api.PollResponse;
import dev.baton.api.Problem;
import dev.baton.api.RegisterAgentRequest;
import dev.baton.api.ResultsRequest;
import dev.baton.api.ResultsResponse;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent endpoints of the HTTP API plus the agent's current registration.
 *
 * <p>Thread-safe: the poll, heartbeat and reporter threads share one session. Re-registration is
 * serialised by a lock so that several threads noticing the same unknown-agent reply register only
 * once ({@link #reRegister} compares the id they saw with the current one).
 */
final class AgentSession {
    private static final Logger log = LoggerFactory.getLogger(AgentSession.class);

    private final HttpTransport transport;
    private final RegisterAgentRequest registerRequest;
    private final ReentrantLock registerLock = new ReentrantLock();
    private final CountDownLatch firstRegistration = new CountDownLatch(1);
    private final AtomicInteger registrations = new AtomicInteger();
    private volatile AgentRegistration current;

    AgentSession(HttpTransport transport, RegisterAgentRequest registerRequest) {
        this.transport = transport;
        this.registerRequest = registerRequest;
    }

    /** The current registration, or null before the first one succeeded. */
    AgentRegistration current() {
        return current;
    }

    /** How many times the agent registered, counting re-registrations. */
    int registrations() {
        return registrations.get();
    }

    /** Blocks until the agent registered at least once or the timeout passed; true when registered. */
    boolean awaitRegistration(long timeoutMs) throws InterruptedException {
        return firstRegistration.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Registers the agent (again) and makes the new registration current. */
    AgentRegistration register() {
        registerLock.lock();
        try {
            AgentRegistration registration = transport.send("POST", "/v1/agents", registerRequest,
                    AgentRegistration.class);
            if (registration == null || registration.id() == null) {
                throw new BatonApiException(502, new Problem("about:blank", "Bad Gateway", 502,
                        "the registration reply has no agent id", null, null));
            }
            current = registration;
            registrations.incrementAndGet();
            firstRegistration.countDown();
            log.info("Registered agent {} as {} (heartbeat every {} ms, lease timeout {} ms)",
                    registerRequest.name(), registration.id(), registration.heartbeatIntervalMs(),
                    registration.leaseTimeoutMs());
            return registration;
        } finally {
            registerLock.unlock();
        }
    }

    /** Registers again after Baton forgot {@code staleId}, unless another thread already did. */
    AgentRegistration reRegister(String staleId) {
        registerLock.lock();
        try {
            AgentRegistration now = current;
            if (now != null && !now.id().equals(staleId)) {
                return now;
            }
            log.warn("Baton no longer knows agent {}; registering again", staleId);
            return register();
        } finally {
            registerLock.unlock();
        }
    }

    /** Long-polls for up to {@code max} tasks. */
    PollResponse poll(String agentId, int max, long waitMs) {
        return transport.send("POST", agentPath(agentId) + "/poll", new PollRequest(max, waitMs), PollResponse.class,
                transport.requestTimeout().plusMillis(waitMs));
    }

    /** Reports the attempts running now and returns the ones Baton wants stopped. */
    HeartbeatResponse heartbeat(String agentId, List<TaskRef> running) {
        return transport.send("POST", agentPath(agentId) + "/heartbeat", new HeartbeatRequest(running),
                HeartbeatResponse.class);
    }

    /** Reports a batch of results. */
    ResultsResponse report(String agentId, List<TaskResult> results) {
        return transport.send("POST", agentPath(agentId) + "/results", new ResultsRequest(results),
                ResultsResponse.class);
    }

    /** Heartbeats one attempt. */
    void taskHeartbeat(String taskId, int attempt) {
        transport.send("POST", "/v1/tasks/" + HttpTransport.encode(taskId) + "/heartbeat",
                Map.of("attempt", attempt), Void.class);
    }

    /** Parks the task in {@code awaiting_input} with a question, ending the attempt; returns the task. */
    dev.baton.api.TaskView awaitInput(String taskId, dev.baton.api.AwaitInputRequest request) {
        return transport.send("POST", "/v1/tasks/" + HttpTransport.encode(taskId) + "/await-input", request,
                dev.baton.api.TaskView.class);
    }

    /** Deregisters the agent; Baton drains what it still holds. */
    void deregister(String agentId, Duration timeout) {
        transport.send("DELETE", agentPath(agentId), null, Void.class, timeout);
    }

    private static String agentPath(String agentId) {
        return "/v1/agents/" + HttpTransport.encode(agentId);
    }
}
