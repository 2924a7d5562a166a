package dev.baton.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FairShareTest {
    private final FairShare fair = new FairShare();
    private final Map<String, Deque<QueuedTask>> queues = new TreeMap<>();
    private final Map<String, Integer> served = new HashMap<>();

    private void flood(String tenant, String capability, int tasks) {
        Deque<QueuedTask> queue = queues.computeIfAbsent(tenant, t -> new ArrayDeque<>());
        for (int i = 0; i < tasks; i++) {
            queue.add(new QueuedTask(tenant + "-" + capability + "-" + queue.size(), capability));
        }
    }

    /** One dispatch round with {@code slots} free slots: order, hand out the first ones, dequeue them. */
    private List<QueuedTask> round(int slots, Map<String, Integer> weights) {
        Map<String, List<QueuedTask>> backlogs = new TreeMap<>();
        queues.forEach((tenant, q) -> {
            if (!q.isEmpty()) {
                backlogs.put(tenant, new ArrayList<>(q).subList(0, Math.min(slots, q.size())));
            }
        });
        List<QueuedTask> order = fair.order(backlogs, weights);
        List<QueuedTask> handed = order.subList(0, Math.min(slots, order.size()));
        for (QueuedTask t : handed) {
            fair.served(t.taskId());
            String tenant = t.taskId().substring(0, t.taskId().indexOf('-'));
            queues.get(tenant).remove(t);
            served.merge(tenant, 1, Integer::sum);
        }
        return handed;
    }

    @Test
    void order_twoBackloggedTenants_servedInProportionToWeights() {
        flood("a", "c", 1_000);
        flood("b", "c", 1_000);
        for (int i = 0; i < 400; i++) {
            round(1 + i % 3, Map.of("a", 3, "b", 1));
        }
        int total = served.get("a") + served.get("b");
        assertThat((double) served.get("a") / total).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void order_equalWeights_alternates() {
        flood("a", "c", 10);
        flood("b", "c", 10);
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            round(1, Map.of()).forEach(t -> tenants.add(t.taskId().substring(0, 1)));
        }
        assertThat(tenants).containsExactly("a", "b", "a", "b", "a", "b");
    }

    @Test
    void order_keepsEachTenantsOwnOrder() {
        List<QueuedTask> a = List.of(new QueuedTask("a-hi", "c"), new QueuedTask("a-lo", "c"));
        List<QueuedTask> order = fair.order(Map.of("a", a), Map.of());
        assertThat(order).containsExactlyElementsOf(a);
    }

    @Test
    void order_idleTenant_cannotBankCredit() {
        flood("a", "c", 1_000);
        for (int i = 0; i < 100; i++) {
            round(1, Map.of());
        }
        flood("b", "c", 1_000);
        served.clear();
        for (int i = 0; i < 20; i++) {
            round(1, Map.of());
        }
        assertThat(served.get("b")).isBetween(9, 11); // not all 20 to catch up with a's 100
    }

    @Test
    void order_unservedTasks_keepTheirTenantsPlace() {
        flood("a", "c", 10);
        flood("b", "c", 10);
        List<QueuedTask> first = fair.order(Map.of("a", List.copyOf(queues.get("a")), "b",
                List.copyOf(queues.get("b"))), Map.of());
        // Nothing was handed out: the same order comes back.
        List<QueuedTask> again = fair.order(Map.of("a", List.copyOf(queues.get("a")), "b",
                List.copyOf(queues.get("b"))), Map.of());
        assertThat(again).isEqualTo(first);
    }

    @Test
    void order_capabilitiesAreSharedSeparately() {
        flood("a", "x", 100);
        flood("b", "y", 100);
        for (int i = 0; i < 10; i++) {
            round(2, Map.of("a", 1, "b", 1));
        }
        assertThat(served).containsEntry("a", 10).containsEntry("b", 10);
    }
}
