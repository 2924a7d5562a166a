package dev.baton.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.AgentRegistration;
import dev.baton.api.AgentState;
import dev.baton.api.HeartbeatResponse;
import dev.baton.api.LeasedTask;
import dev.baton.api.PollResponse;
import dev.baton.api.ResultsResponse;
import dev.baton.api.TaskRef;
import dev.baton.api.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The agent endpoints of a fake Baton: registers agents, leases queued tasks, records results and heartbeats. */
final class FakeAgentApi {
    static final long HEARTBEAT_INTERVAL_MS = 50;

    final FakeBaton fake;
    final BlockingQueue<LeasedTask> queued = new LinkedBlockingQueue<>();
    final List<TaskResult> results = new CopyOnWriteArrayList<>();
    final List<Integer> pollMax = new CopyOnWriteArrayList<>();
    final List<List<TaskRef>> heartbeats = new CopyOnWriteArrayList<>();
    final Set<String> forgotten = ConcurrentHashMap.newKeySet();
    final Set<TaskRef> stop = ConcurrentHashMap.newKeySet();
    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger failRegistrations = new AtomicInteger();
    /** How many result reports to record and then answer by breaking the connection (a lost reply). */
    final AtomicInteger dropResultReplies = new AtomicInteger();
    volatile int registerStatus = 201;

    FakeAgentApi(FakeBaton fake) {
        this.fake = fake;
        fake.on("POST", "/v1/agents", r -> register());
        fake.on("POST", "/v1/agents/[^/]+/poll", this::poll);
        fake.on("POST", "/v1/agents/[^/]+/heartbeat", this::heartbeat);
        fake.on("POST", "/v1/agents/[^/]+/results", this::results);
        fake.on("DELETE", "/v1/agents/[^/]+", r -> FakeBaton.Reply.noContent());
        fake.on("POST", "/v1/tasks/[^/]+/heartbeat", r -> FakeBaton.Reply.noContent());
    }

    /** Queues a task for the next poll. */
    void lease(String taskId, String capability, JsonNode input) {
        queued.add(new LeasedTask(taskId, 1, capability, input, null, 0));
    }

    /** The result reported for a task, or null. */
    TaskResult resultOf(String taskId) {
        return results.stream().filter(r -> r.taskId().equals(taskId)).findFirst().orElse(null);
    }

    private FakeBaton.Reply register() {
        if (failRegistrations.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return FakeBaton.Reply.problem(503, "Service Unavailable", "no leader yet");
        }
        if (registerStatus != 201) {
            return FakeBaton.Reply.problem(registerStatus, "Unauthorized", "unknown token");
        }
        String id = "agent-" + registrations.incrementAndGet();
        return FakeBaton.Reply.json(201, new AgentRegistration(id, HEARTBEAT_INTERVAL_MS, 1_000));
    }

    private FakeBaton.Reply poll(FakeBaton.Request r) {
        if (forgotten.contains(r.segment(2))) {
            return unknownAgent();
        }
        JsonNode body = r.json();
        int max = body.path("max").asInt();
        pollMax.add(max);
        long waitMs = Math.min(body.path("waitMs").asLong(), 100);
        List<LeasedTask> tasks = new ArrayList<>();
        try {
            LeasedTask first = queued.poll(waitMs, TimeUnit.MILLISECONDS);
            if (first != null) {
                tasks.add(first);
                queued.drainTo(tasks, max - 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FakeBaton.Reply.json(200, new PollResponse(tasks));
    }

    private FakeBaton.Reply heartbeat(FakeBaton.Request r) {
        if (forgotten.contains(r.segment(2))) {
            return unknownAgent();
        }
        List<TaskRef> running = new ArrayList<>();
        r.json().path("tasks").forEach(t -> running.add(new TaskRef(t.path("taskId").asText(),
                t.path("attempt").asInt())));
        heartbeats.add(running);
        List<TaskRef> toStop = running.stream().filter(stop::contains).toList();
        return FakeBaton.Reply.json(200, new HeartbeatResponse(AgentState.READY, toStop));
    }

    private FakeBaton.Reply results(FakeBaton.Request r) {
        if (forgotten.contains(r.segment(2))) {
            return unknownAgent();
        }
        List<String> accepted = new ArrayList<>();
        for (JsonNode node : r.json().path("results")) {
            TaskResult result = BatonJson.convert(node, TaskResult.class);
            results.add(result);
            accepted.add(result.taskId());
        }
        if (dropResultReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return FakeBaton.Reply.drop();
        }
        return FakeBaton.Reply.json(200, new ResultsResponse(accepted, List.of()));
    }

    private static FakeBaton.Reply unknownAgent() {
        return FakeBaton.Reply.problem(404, "Not Found", "unknown agent");
    }
}
