package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.baton.api.SubmitTaskRequest;
import dev.baton.client.AgentWorker;
import dev.baton.client.BatonClient;
import dev.baton.client.TaskContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One measured run of Baton: starts the agents, submits load (open or closed loop) through the Java SDK, and
 * times each task from its submission to its dispatch (the agent's handler starts) and to its finish (Baton
 * acknowledged the result, so it is committed). Every task carries its submission time ({@code System.nanoTime()} of
 * this process, which also runs the agents) in its input as {@code {"t": nanos}}; in open loop that is the time it
 * was due, so a server that falls behind shows in the latency instead of slowing the load (no coordinated omission).
 *
 * <p>Threading: submitters and the open-loop pacer are virtual threads; handlers and result callbacks run on the
 * SDK's threads and only touch concurrent maps, atomics and the synchronised {@link Timeline}.
 */
final class LoadRun {
    private static final Duration DRAIN = Duration.ofSeconds(15);
    private static final int MAX_SUBMITS_IN_FLIGHT = 64;

    /** What the run measured. */
    record Result(long submitted, long finished, long submitErrors, long unfinished, double seconds,
                  double tasksPerSecond, Latency dispatch, Latency finish, Latency submitRequest,
                  long submitRequestErrors, List<Timeline.Second> timeline, List<OptionalLong> cpuMillis) {}

    private final BenchTarget target;
    private final LoadSettings settings;
    private final Timeline timeline;
    private final ConcurrentHashMap<String, Long> submittedAt = new ConcurrentHashMap<>();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong submitErrors = new AtomicLong();
    private final AtomicLong submitRequestErrors = new AtomicLong();
    /** Latency of each submit request sent inside the window, in microseconds; guarded by itself. */
    private final Histogram requestMicros = new Histogram(3_600_000_000L, 3);
    /** Closed loop: a permit per task that may be unfinished; null in open loop. */
    private final Semaphore outstanding;
    private volatile boolean stopping;

    LoadRun(BenchTarget target, LoadSettings settings) {
        this.target = target;
        this.settings = settings;
        this.timeline = new Timeline((int) Math.max(1, settings.duration().toSeconds()));
        this.outstanding = settings.openLoop() ? null : new Semaphore(settings.outstanding());
    }

    Result run() throws InterruptedException {
        String leader = target.leaderUrl();
        List<AgentWorker> agents = startAgents(leader);
        List<Thread> load = new ArrayList<>();
        List<BatonClient> clients = new ArrayList<>();
        try {
            awaitRegistered(agents);
            for (int i = 0; i < (settings.openLoop() ? 1 : settings.submitters()); i++) {
                BatonClient client = BatonClient.builder(ordered(leader, 0)).token(target.adminToken()).build();
                clients.add(client);
                load.add(Thread.ofVirtual().name("bench-submit-" + i)
                        .start(settings.openLoop() ? () -> pace(client) : () -> submitClosedLoop(client)));
            }
            Thread.sleep(settings.warmup().toMillis());
            List<OptionalLong> cpuBefore = target.cpuMillis();
            timeline.start();
            long started = System.nanoTime();
            Thread.sleep(settings.duration().toMillis());
            double seconds = (System.nanoTime() - started) / 1e9;
            List<OptionalLong> cpuAfter = target.cpuMillis();
            stopping = true;
            for (Thread t : load) {
                t.join(DRAIN);
            }
            long drainUntil = System.nanoTime() + DRAIN.toNanos();
            while (!submittedAt.isEmpty() && System.nanoTime() < drainUntil) {
                Thread.sleep(20);
            }
            long done = timeline.finished();
            return new Result(submitted.get(), finished.get(), submitErrors.get(), submittedAt.size(), seconds,
                    done / seconds, timeline.dispatchLatency(), timeline.finishLatency(), requestLatency(),
                    submitRequestErrors.get(), timeline.seconds(), difference(cpuBefore, cpuAfter));
        } finally {
            stopping = true;
            load.forEach(Thread::interrupt);
            clients.forEach(BatonClient::close);
            agents.forEach(a -> a.shutdown(Duration.ofSeconds(2)));
        }
    }

    private List<AgentWorker> startAgents(String leader) {
        List<AgentWorker> agents = new ArrayList<>();
        for (int i = 0; i < settings.agents(); i++) {
            agents.add(AgentWorker.builder(ordered(leader, settings.spread() ? i : 0), target.agentToken(),
                            "bench-" + (i + 1), List.of(settings.capability()), settings.agentConcurrency(),
                            this::handle)
                    .onResultsAccepted(this::accepted)
                    .build().start());
        }
        return agents;
    }

    private static void awaitRegistered(List<AgentWorker> agents) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (agents.stream().anyMatch(a -> a.agentId() == null)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bench agents did not register within 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** Every node's URL, the leader first unless {@code spreadIndex} picks another node to start from. */
    private List<String> ordered(String leader, int spreadIndex) {
        List<String> urls = new ArrayList<>(target.urls());
        if (spreadIndex == 0 && urls.remove(leader)) {
            urls.addFirst(leader);
            return urls;
        }
        int from = spreadIndex % urls.size();
        List<String> out = new ArrayList<>(urls.subList(from, urls.size()));
        out.addAll(urls.subList(0, from));
        return out;
    }

    private JsonNode handle(TaskContext ctx) throws InterruptedException {
        long now = System.nanoTime();
        JsonNode t = ctx.input().get("t");
        if (t != null) {
            long submittedNanos = t.asLong();
            timeline.dispatched(submittedNanos, now);
            submittedAt.put(ctx.taskId(), submittedNanos);
        }
        if (settings.workMs() > 0) {
            Thread.sleep(settings.workMs());
        }
        return null;
    }

    private void accepted(List<String> taskIds) {
        long now = System.nanoTime();
        for (String id : taskIds) {
            Long submittedNanos = submittedAt.remove(id);
            if (submittedNanos != null) {
                timeline.finished(submittedNanos, now);
                finished.incrementAndGet();
                if (outstanding != null) {
                    outstanding.release();
                }
            }
        }
    }

    private void submitClosedLoop(BatonClient client) {
        try {
            while (!stopping) {
                outstanding.acquire();
                int n = 1;
                while (n < settings.batchSize() && outstanding.tryAcquire()) {
                    n++;
                }
                long now = System.nanoTime();
                if (!submit(client, n, i -> now)) {
                    outstanding.release(n);
                }
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    /** Open loop: every 2 ms, submits the tasks that fell due since the last round, each stamped with its due time. */
    private void pace(BatonClient client) {
        Semaphore inFlight = new Semaphore(MAX_SUBMITS_IN_FLIGHT);
        long start = System.nanoTime();
        long sent = 0;
        double nanosPerTask = 1e9 / settings.rate();
        try {
            while (!stopping) {
                long due = (long) ((System.nanoTime() - start) / nanosPerTask);
                while (sent < due && !stopping) {
                    int n = (int) Math.min(settings.batchSize(), due - sent);
                    long first = sent;
                    inFlight.acquire();
                    Thread.ofVirtual().start(() -> {
                        try {
                            submit(client, n, i -> start + (long) ((first + i) * nanosPerTask));
                        } finally {
                            inFlight.release();
                        }
                    });
                    sent += n;
                }
                Thread.sleep(2);
            }
            inFlight.acquire(MAX_SUBMITS_IN_FLIGHT);
        } catch (InterruptedException e) {
            // stopped
        }
    }

    private boolean submit(BatonClient client, int n, java.util.function.IntToLongFunction stamp) {
        List<SubmitTaskRequest> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(SubmitTaskRequest.of(settings.capability(),
                    JsonNodeFactory.instance.objectNode().put("t", stamp.applyAsLong(i))));
        }
        long sent = System.nanoTime();
        boolean inWindow = sent >= timeline.startNanos();
        try {
            client.submitBatchMinimal(batch);
            submitted.addAndGet(n);
            if (inWindow) {
                synchronized (requestMicros) {
                    requestMicros.recordValue(Math.min(3_600_000_000L, (System.nanoTime() - sent) / 1_000));
                }
            }
            return true;
        } catch (RuntimeException e) {
            submitErrors.addAndGet(n);
            if (inWindow) {
                submitRequestErrors.incrementAndGet();
            }
            return false;
        }
    }

    private Latency requestLatency() {
        synchronized (requestMicros) {
            return Latency.of(requestMicros);
        }
    }

    private static List<OptionalLong> difference(List<OptionalLong> before, List<OptionalLong> after) {
        List<OptionalLong> out = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            out.add(before.get(i).isPresent() && after.get(i).isPresent()
                    ? OptionalLong.of(after.get(i).getAsLong() - before.get(i).getAsLong()) : OptionalLong.empty());
        }
        return out;
    }
}
