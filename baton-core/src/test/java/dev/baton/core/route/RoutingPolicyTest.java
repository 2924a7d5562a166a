package dev.baton.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {

    private static AgentSlot agent(String id, int active, Map<String, String> labels) {
        return new AgentSlot(id, Set.of("cap"), active, 4, 4, labels, Map.of());
    }

    private static QueuedTask task(String id, Map<String, String> constraints, String policy, Set<String> excluded) {
        return new QueuedTask(id, "cap", "default", constraints, policy, excluded);
    }

    @Test
    void assign_constraints_routeOnlyToAgentsWithEveryLabel() {
        Router router = new Router();
        List<AgentSlot> agents = List.of(
                agent("us", 0, Map.of("region", "us")),
                agent("eu-cpu", 0, Map.of("region", "eu")),
                agent("eu-gpu", 3, Map.of("region", "eu", "gpu", "a100")));

        List<Assignment> plan = router.assign(List.of(
                task("any-eu", Map.of("region", "eu"), null, Set.of()),
                task("gpu", Map.of("region", "eu", "gpu", "a100"), null, Set.of()),
                task("apac", Map.of("region", "apac"), null, Set.of())), agents);

        assertThat(plan).containsExactly(new Assignment("any-eu", "eu-cpu"), new Assignment("gpu", "eu-gpu"));
    }

    @Test
    void assign_excludedAgents_areNeverChosen() {
        Router router = new Router();
        List<AgentSlot> agents = List.of(agent("a", 0, Map.of()), agent("b", 3, Map.of()));

        assertThat(router.assign(List.of(task("t", Map.of(), null, Set.of("a"))), agents))
                .containsExactly(new Assignment("t", "b"));
        assertThat(router.assign(List.of(task("t", Map.of(), null, Set.of("a", "b"))), agents)).isEmpty();
    }

    @Test
    void roundRobin_ignoresLoadAndRotatesByAgentId() {
        Router router = new Router(new RoutingConfig(RoutingPolicies.DEFAULT, Map.of("cap", "round_robin")));
        List<AgentSlot> agents = List.of(agent("c", 0, Map.of()), agent("a", 3, Map.of()), agent("b", 1, Map.of()));

        List<String> chosen = new ArrayList<>();
        for (int call = 0; call < 5; call++) {
            chosen.add(router.assign(List.of(new QueuedTask("t" + call, "cap")), agents).getFirst().agentId());
        }

        assertThat(chosen).containsExactly("a", "b", "c", "a", "b");
    }

    @Test
    void policyFor_taskPolicyWinsOverCapabilityAndDefault() {
        RoutingConfig config = new RoutingConfig("round_robin", Map.of("summarize", "least_loaded"));

        assertThat(config.policyFor("summarize", null)).isEqualTo("least_loaded");
        assertThat(config.policyFor("other", null)).isEqualTo("round_robin");
        assertThat(config.policyFor("summarize", "round_robin")).isEqualTo("round_robin");
        assertThat(config.policyFor("summarize", "no-such-policy")).isEqualTo("least_loaded");
    }

    @Test
    void assign_perTaskPolicy_overridesTheDefault() {
        Router router = new Router();
        List<AgentSlot> agents = List.of(agent("a", 3, Map.of()), agent("b", 0, Map.of()));

        // least_loaded always picks idle b; round_robin starts at a whatever its load.
        assertThat(router.assign(List.of(task("t1", Map.of(), null, Set.of())), agents).getFirst().agentId())
                .isEqualTo("b");
        assertThat(router.assign(List.of(task("t2", Map.of(), "round_robin", Set.of())), agents).getFirst()
                .agentId()).isEqualTo("a");
    }
}
