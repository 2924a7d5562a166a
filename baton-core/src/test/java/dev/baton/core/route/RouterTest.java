package dev.baton.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = new Router();

    private static AgentSlot agent(String id, int active, int max, int wanted, String... capabilities) {
        return new AgentSlot(id, Set.of(capabilities), active, max, wanted);
    }

    private static QueuedTask task(String id, String capability) {
        return new QueuedTask(id, capability);
    }

    private static Map<String, Long> perAgent(List<Assignment> plan) {
        return plan.stream().collect(Collectors.groupingBy(Assignment::agentId, Collectors.counting()));
    }

    @Test
    void assign_noAgents_assignsNothing() {
        assertThat(router.assign(List.of(task("t1", "cap")), List.of())).isEmpty();
        assertThat(router.assign(List.of(), List.of(agent("a", 0, 1, 1, "cap")))).isEmpty();
    }

    @Test
    void assign_capabilityFilter_routesOnlyToAgentsOfferingIt() {
        List<AgentSlot> agents = List.of(
                agent("summarizer", 0, 4, 4, "summarize"),
                agent("translator", 0, 4, 4, "translate"));

        List<Assignment> plan = router.assign(
                List.of(task("s1", "summarize"), task("t1", "translate"), task("s2", "summarize")), agents);

        assertThat(plan).containsExactlyInAnyOrder(
                new Assignment("s1", "summarizer"), new Assignment("t1", "translator"),
                new Assignment("s2", "summarizer"));
    }

    @Test
    void assign_tenantBoundAgent_takesOnlyItsTenantsTasks_anUnboundAgentTakesAny() {
        AgentSlot acmeOnly = new AgentSlot("acme-agent", Set.of("cap"), 0, 4, 4, Map.of(), Map.of(), null, "acme");
        QueuedTask globex = new QueuedTask("g1", "cap", "globex", Map.of(), null, Set.of());
        QueuedTask acme = new QueuedTask("a1", "cap", "acme", Map.of(), null, Set.of());

        assertThat(router.assign(List.of(globex, acme), List.of(acmeOnly)))
                .containsExactly(new Assignment("a1", "acme-agent"));
        assertThat(router.assign(List.of(globex), List.of(acmeOnly, agent("any", 0, 4, 4, "cap"))))
                .containsExactly(new Assignment("g1", "any"));
    }

    @Test
    void assign_taskNoAgentOffers_isLeftOut() {
        List<Assignment> plan = router.assign(
                List.of(task("t1", "paint"), task("t2", "cap")), List.of(agent("a", 0, 4, 4, "cap")));

        assertThat(plan).containsExactly(new Assignment("t2", "a"));
    }

    @Test
    void assign_agentWithoutFreeSlots_getsNothing() {
        List<Assignment> plan = router.assign(List.of(task("t1", "cap")), List.of(
                agent("full", 3, 3, 5, "cap"),
                agent("overfull", 5, 3, 5, "cap")));

        assertThat(plan).isEmpty();
    }

    @Test
    void assign_wantedBelowFreeSlots_capsAtWanted() {
        List<Assignment> plan = router.assign(
                List.of(task("t1", "cap"), task("t2", "cap"), task("t3", "cap")),
                List.of(agent("a", 0, 10, 2, "cap")));

        assertThat(plan).containsExactly(new Assignment("t1", "a"), new Assignment("t2", "a"));
    }

    @Test
    void assign_agentNotWanting_getsNothing() {
        assertThat(router.assign(List.of(task("t1", "cap")), List.of(agent("a", 0, 10, 0, "cap")))).isEmpty();
    }

    @Test
    void assign_freeSlotsBelowWanted_capsAtFreeSlots() {
        List<Assignment> plan = router.assign(
                List.of(task("t1", "cap"), task("t2", "cap"), task("t3", "cap")),
                List.of(agent("a", 2, 3, 10, "cap")));

        assertThat(plan).containsExactly(new Assignment("t1", "a"));
    }

    @Test
    void assign_zeroMaxConcurrency_getsNothing() {
        assertThat(router.assign(List.of(task("t1", "cap")), List.of(agent("a", 0, 0, 5, "cap")))).isEmpty();
    }

    @Test
    void assign_moreTasksThanCapacity_assignsInGivenOrder() {
        List<Assignment> plan = router.assign(
                List.of(task("first", "cap"), task("second", "cap"), task("third", "cap")),
                List.of(agent("a", 0, 1, 1, "cap"), agent("b", 0, 1, 1, "cap")));

        assertThat(plan).extracting(Assignment::taskId).containsExactly("first", "second");
    }

    @Test
    void assign_differentLoads_prefersLeastLoaded() {
        List<AgentSlot> agents = List.of(
                agent("busy", 3, 4, 4, "cap"),
                agent("half", 2, 4, 4, "cap"),
                agent("idle", 0, 4, 4, "cap"));

        assertThat(router.assign(List.of(task("t1", "cap")), agents)).containsExactly(new Assignment("t1", "idle"));
    }

    @Test
    void assign_loadIsRelativeToMaxConcurrency() {
        List<AgentSlot> agents = List.of(
                agent("small", 1, 2, 2, "cap"),
                agent("big", 4, 16, 16, "cap"));

        assertThat(router.assign(List.of(task("t1", "cap")), agents)).containsExactly(new Assignment("t1", "big"));
    }

    @Test
    void assign_severalTasksInOneRound_countsEarlierAssignmentsAsLoad() {
        List<AgentSlot> agents = List.of(agent("a", 0, 4, 4, "cap"), agent("b", 2, 4, 4, "cap"));

        List<Assignment> plan = router.assign(
                IntStream.range(0, 4).mapToObj(i -> task("t" + i, "cap")).toList(), agents);

        // a fills to b's load (2/4), then they alternate: a=3, b=1 assignments in total.
        assertThat(perAgent(plan)).containsEntry("a", 3L).containsEntry("b", 1L);
        assertThat(plan.subList(0, 2)).extracting(Assignment::agentId).containsExactly("a", "a");
    }

    @Test
    void assign_equallyLoadedAgents_rotatesAcrossCalls() {
        List<AgentSlot> agents = List.of(
                agent("a", 0, 1, 1, "cap"), agent("b", 0, 1, 1, "cap"), agent("c", 0, 1, 1, "cap"));

        List<String> chosen = new ArrayList<>();
        for (int call = 0; call < 6; call++) {
            chosen.add(router.assign(List.of(task("t" + call, "cap")), agents).getFirst().agentId());
        }

        assertThat(chosen).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void assign_roundRobin_skipsAgentsWithoutTheCapability() {
        List<AgentSlot> agents = List.of(
                agent("a", 0, 1, 1, "cap"), agent("x", 0, 1, 1, "other"), agent("b", 0, 1, 1, "cap"));

        List<String> chosen = new ArrayList<>();
        for (int call = 0; call < 4; call++) {
            chosen.add(router.assign(List.of(task("t" + call, "cap")), agents).getFirst().agentId());
        }

        assertThat(chosen).containsExactly("a", "b", "a", "b");
    }

    @Test
    void assign_equallyLoadedAgents_spreadsOneRoundEvenly() {
        List<AgentSlot> agents = List.of(
                agent("a", 0, 4, 4, "cap"), agent("b", 0, 4, 4, "cap"), agent("c", 0, 4, 4, "cap"));

        List<Assignment> plan = router.assign(
                IntStream.range(0, 6).mapToObj(i -> task("t" + i, "cap")).toList(), agents);

        assertThat(perAgent(plan)).containsOnly(Map.entry("a", 2L), Map.entry("b", 2L), Map.entry("c", 2L));
    }

    @Test
    void assign_randomViews_respectsCapabilityAndCapacityAndLeavesNoAssignableTaskOut() {
        Random random = new Random(42);
        List<String> capabilities = List.of("c0", "c1", "c2");
        for (int round = 0; round < 500; round++) {
            List<AgentSlot> agents = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                int max = random.nextInt(4);
                Set<String> offered = capabilities.stream().filter(c -> random.nextBoolean())
                        .collect(Collectors.toSet());
                agents.add(new AgentSlot("a" + i, offered, random.nextInt(max + 1), max, random.nextInt(4)));
            }
            List<QueuedTask> tasks = IntStream.range(0, random.nextInt(10))
                    .mapToObj(i -> task("t" + i, capabilities.get(random.nextInt(capabilities.size())))).toList();

            List<Assignment> plan = router.assign(tasks, agents);

            Map<String, AgentSlot> byId = new HashMap<>();
            agents.forEach(a -> byId.put(a.agentId(), a));
            Map<String, Long> counts = perAgent(plan);
            counts.forEach((id, n) -> assertThat(n).isLessThanOrEqualTo(byId.get(id).capacity()));
            assertThat(plan).extracting(Assignment::taskId).doesNotHaveDuplicates();
            Map<String, String> capabilityOf = new HashMap<>();
            tasks.forEach(t -> capabilityOf.put(t.taskId(), t.capability()));
            for (Assignment a : plan) {
                assertThat(byId.get(a.agentId()).capabilities()).contains(capabilityOf.get(a.taskId()));
            }
            Set<String> assigned = plan.stream().map(Assignment::taskId).collect(Collectors.toSet());
            for (QueuedTask t : tasks) {
                if (!assigned.contains(t.taskId())) {
                    assertThat(agents).as("round %d: %s left out", round, t.taskId())
                            .noneMatch(a -> a.capabilities().contains(t.capability())
                                    && counts.getOrDefault(a.agentId(), 0L) < a.capacity());
                }
            }
        }
    }
}
