package dev.baton.server.control;

import dev.baton.api.AgentState;
import dev.baton.core.command.LeaseTasks;
import dev.baton.core.command.SubmitTask;
import dev.baton.core.route.AgentSlot;
import dev.baton.core.route.Assignment;
import dev.baton.core.route.QueuedTask;
import dev.baton.core.route.Draws;
import dev.baton.core.route.Router;
import dev.baton.core.route.RoutingConfig;
import dev.baton.core.state.Agent;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.TenantSettings;
import dev.baton.server.state.StateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's dispatch half: agents' long polls waiting for work, routing queued tasks to them, and the
 * {@link LeaseTasks} proposals in flight (tasks being leased are not routed twice; their slots count as taken).
 *
 * <p>Threading: owned by {@link Control}'s loop thread; every method runs there. Soft state only: it is reset on
 * every leadership change, and a lease that commits after such a change answers its poll without touching the new
 * leadership's state.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final CommandLog log;
    private final StateStore store;
    private final Executor loop;
    private final LongSupplier clock;
    private final AttemptClocks clocks;
    private final Router router;
    private final Draws draws;
    private final PollWaiters waiters = new PollWaiters();
    private final Set<String> leasing = new HashSet<>();
    private final Map<String, Integer> pendingLeasesByAgent = new HashMap<>();
    private final TenantQueue tenantQueue;
    private boolean leader;
    private long epoch;

    Dispatcher(CommandLog log, StateStore store, Executor loop, LongSupplier clock, AttemptClocks clocks,
               RoutingConfig routing, RandomGenerator random, TenantSettings tenantDefaults) {
        this.router = new Router(routing);
        this.draws = random::nextDouble;
        this.tenantQueue = new TenantQueue(tenantDefaults);
        this.log = log;
        this.store = store;
        this.loop = loop;
        this.clock = clock;
        this.clocks = clocks;
    }

    /** Drops all soft state (failing open polls) and starts serving leadership {@code newEpoch}, if leader. */
    void reset(boolean isLeader, long newEpoch) {
        waiters.failAll(new NotLeaderException(null));
        leasing.clear();
        pendingLeasesByAgent.clear();
        tenantQueue.reset();
        leader = isLeader;
        epoch = newEpoch;
    }

    /** Registers a poll (replacing an older one of the same agent) and dispatches at once. */
    CompletableFuture<List<Task>> await(String agentId, int max, long deadlineMs) {
        CompletableFuture<List<Task>> reply = new CompletableFuture<>();
        waiters.add(new PollWaiters.Waiter(agentId, Math.max(1, max), deadlineMs, reply));
        dispatch();
        return reply;
    }

    /** Answers the agent's poll empty if it is still waiting (no lease on its way); true if it was. */
    boolean release(String agentId) {
        PollWaiters.Waiter waiter = waiters.remove(agentId);
        if (waiter == null) {
            return false;
        }
        waiter.reply().complete(List.of());
        return true;
    }

    /** Answers, empty, every poll past its deadline. */
    void expire(long nowMs) {
        waiters.expire(nowMs);
    }

    /** Agents with a poll open now. */
    List<String> waitingAgents() {
        return waiters.all().stream().map(PollWaiters.Waiter::agentId).toList();
    }

    /** Routes queued tasks to waiting polls and proposes the leases. */
    void dispatch() {
        if (!leader || waiters.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        route(now, (s, open) -> tenantQueue.offer(s, open.capabilities(), open.capacity(), id -> !leasing.contains(id)
                && s.taskById(id).map(t -> t.visibleAtMs() <= now && open.serves(t.spec().tenant())).orElse(false),
                now));
    }

    /**
     * Routes tasks whose submission was just proposed, not yet applied, to waiting polls and proposes their leases
     * right behind the submission, so a task submitted to an idle fleet is dispatched after one commit instead of
     * two (submission, then lease). The log keeps the order: the lease applies after the submission, and skips a
     * task the submission did not create (an idempotent repeat, a refused budget). Only tasks that overtake no one
     * are taken (see {@link TenantQueue#offerSubmitted}); the normal round after the submission commits sees the
     * rest, and these as leasing. Must run outside any request's scope: the lease is the leader's decision, not the
     * submitter's, and is not audited as theirs.
     */
    void dispatchSubmitted(List<SubmitTask> submitted) {
        if (!leader || waiters.isEmpty()) {
            return;
        }
        // Cheap first: under a backlog nothing qualifies, and the round (every waiting agent's slot) is skipped.
        if (store.read(s -> TenantQueue.overtakingNone(s, submitted)).isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        route(now, (s, open) -> tenantQueue.offerSubmitted(s, submitted, open.capabilities(), open.capacity(),
                open::serves, now));
    }

    /** The waiting agents able to take work this round, and what they can take between them. */
    private record OpenSlots(List<AgentSlot> slots, Set<String> capabilities, int capacity, Set<String> tenants,
                             boolean anyTenant) {
        /** True if some open slot may take a task of {@code tenant}. */
        boolean serves(String tenant) {
            return anyTenant || tenants.contains(tenant);
        }
    }

    private OpenSlots openSlots(BatonState s, long now) {
        List<AgentSlot> slots = new ArrayList<>();
        Set<String> capabilities = new TreeSet<>();
        Set<String> tenants = new HashSet<>();
        boolean anyTenant = false;
        int capacity = 0;
        for (PollWaiters.Waiter w : waiters.all()) {
            Agent agent = s.agentById(w.agentId()).orElse(null);
            if (agent == null || agent.state() != AgentState.READY) {
                continue;
            }
            int active = agent.activeTaskIds().size() + pendingLeasesByAgent.getOrDefault(agent.id(), 0);
            int wanted = RoutingViews.allowedByBreaker(s, agent.id(), active, w.max(), now);
            AgentSlot slot = new AgentSlot(agent.id(), Set.copyOf(agent.capabilities()), active,
                    agent.maxConcurrency(), wanted, agent.labels(), RoutingViews.scores(s, agent), agent.tier(),
                    agent.tenant());
            if (slot.capacity() > 0) {
                slots.add(slot);
                capabilities.addAll(agent.capabilities());
                capacity += slot.capacity();
                anyTenant |= slot.tenant() == null;
                tenants.add(slot.tenant());
            }
        }
        return new OpenSlots(slots, capabilities, capacity, tenants, anyTenant);
    }

    /**
     * One routing round: the open slots, the tasks {@code offered} for them (offered only tasks some open slot may
     * take, so tasks of tenants no waiting agent serves do not crowd out those a tenant's own agents could take),
     * the router's assignment, and a lease proposal per agent.
     */
    private void route(long now, BiFunction<BatonState, OpenSlots, List<QueuedTask>> offered) {
        record Round(List<AgentSlot> slots, List<QueuedTask> tasks) {}
        Round round = store.read(s -> {
            OpenSlots open = openSlots(s, now);
            return new Round(open.slots(), open.slots().isEmpty() ? List.of() : offered.apply(s, open));
        });
        if (round.tasks.isEmpty()) {
            return;
        }
        Map<String, List<String>> byAgent = new LinkedHashMap<>();
        for (Assignment a : router.assign(round.tasks, round.slots, draws)) {
            byAgent.computeIfAbsent(a.agentId(), k -> new ArrayList<>()).add(a.taskId());
            tenantQueue.leasing(a.taskId());
        }
        byAgent.forEach((agentId, taskIds) -> lease(agentId, taskIds, now));
    }

    private void lease(String agentId, List<String> taskIds, long now) {
        PollWaiters.Waiter waiter = waiters.remove(agentId);
        leasing.addAll(taskIds);
        pendingLeasesByAgent.merge(agentId, taskIds.size(), Integer::sum);
        long proposedIn = epoch;
        List<String> tenants = taskIds.stream().map(tenantQueue::tenantOf).toList();
        LeaseTasks command = new LeaseTasks(agentId, taskIds, now, tenantQueue.settingsOf(taskIds));
        log.propose(command).whenCompleteAsync((outcome, error) -> {
            if (proposedIn != epoch) {
                answerAfterLeadershipChange(waiter, outcome, error);
                return;
            }
            taskIds.forEach(leasing::remove);
            tenants.forEach(tenantQueue::leaseSettled);
            pendingLeasesByAgent.merge(agentId, -taskIds.size(), (a, b) -> a + b == 0 ? null : a + b);
            if (error != null) {
                waiter.reply().completeExceptionally(error);
                return;
            }
            if (outcome instanceof Outcome.Leased leased && !leased.tasks().isEmpty()) {
                leased.tasks().forEach(t -> clocks.track(t, clock.getAsLong()));
                if (!waiter.reply().complete(leased.tasks())) {
                    LOG.debug("poll of {} gave up before its lease committed; the lease will expire", agentId);
                }
            } else if (!waiter.reply().isDone() && clock.getAsLong() < waiter.deadlineMs()
                    && !waiters.contains(agentId)) { // a newer poll of the agent replaced this one meanwhile
                waiters.add(waiter);
            } else {
                waiter.reply().complete(List.of());
            }
            dispatch();
        }, loop);
    }

    /** Answers a poll whose lease outlived the leadership that proposed it; the soft state is not its own. */
    private void answerAfterLeadershipChange(PollWaiters.Waiter waiter, Outcome outcome, Throwable error) {
        if (error != null) {
            waiter.reply().completeExceptionally(error);
        } else if (outcome instanceof Outcome.Leased leased && !leased.tasks().isEmpty()) {
            waiter.reply().complete(leased.tasks());
        } else if (leader) {
            waiter.reply().complete(List.of());
        } else {
            waiter.reply().completeExceptionally(new NotLeaderException(null));
        }
    }
}
