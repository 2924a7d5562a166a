package dev.baton.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.AgentTier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostAwarePolicyTest {
    private final Router router = new Router(new RoutingConfig(CostAwarePolicy.NAME, Map.of()));

    private static AgentSlot slot(String id, AgentTier tier, int active) {
        return new AgentSlot(id, Set.of("c"), active, 4, 4, Map.of(), Map.of(), tier);
    }

    private static QueuedTask task(String id, boolean underThreshold) {
        return new QueuedTask(id, "c", "acme", Map.of(), null, Set.of()).withUnderBudgetThreshold(underThreshold);
    }

    @Test
    void underThreshold_prefersPremium_evenWhenBusier() {
        List<Assignment> plan = router.assign(List.of(task("t1", true)),
                List.of(slot("std", AgentTier.STANDARD, 0), slot("pro", AgentTier.PREMIUM, 3)));

        assertThat(plan).containsExactly(new Assignment("t1", "pro"));
    }

    @Test
    void underThreshold_noPremiumFree_fallsBackToStandard() {
        List<Assignment> plan = router.assign(List.of(task("t1", true)), List.of(slot("std", AgentTier.STANDARD, 0)));

        assertThat(plan).containsExactly(new Assignment("t1", "std"));
    }

    @Test
    void pastThreshold_standardOnly() {
        List<Assignment> plan = router.assign(List.of(task("t1", false), task("t2", false)),
                List.of(slot("pro", AgentTier.PREMIUM, 0), slot("std", AgentTier.STANDARD, 3)));

        assertThat(plan).containsExactly(new Assignment("t1", "std"));
    }

    @Test
    void pastThreshold_onlyPremiumFree_taskWaits() {
        List<Assignment> plan = router.assign(List.of(task("t1", false)), List.of(slot("pro", AgentTier.PREMIUM, 0)));

        assertThat(plan).isEmpty();
    }

    @Test
    void otherPolicies_ignoreTheThreshold() {
        Router leastLoaded = new Router();
        List<Assignment> plan = leastLoaded.assign(List.of(task("t1", false)),
                List.of(slot("pro", AgentTier.PREMIUM, 0)));

        assertThat(plan).containsExactly(new Assignment("t1", "pro"));
    }
}
