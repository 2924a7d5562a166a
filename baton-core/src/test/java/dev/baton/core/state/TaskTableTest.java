package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TaskTableTest {
    private static Task task(String id) {
        return Task.queued(id, new TaskSpec("summarize", "{}", 3, null, null, null, null, null), 1, 0);
    }

    @Test
    void put_sameId_replacesAndReturnsThePrevious() {
        TaskTable table = new TaskTable();
        Task first = task("t_1");
        Task second = task("t_1");

        assertThat(table.put("t_1", first)).isNull();
        assertThat(table.put("t_1", second)).isSameAs(first);
        assertThat(table.get("t_1")).isSameAs(second);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void put_idOtherThanTheTasks_throws() {
        assertThatThrownBy(() -> new TaskTable().put("t_2", task("t_1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remove_missingId_returnsNull() {
        TaskTable table = new TaskTable();
        table.put("t_1", task("t_1"));

        assertThat(table.remove("t_2")).isNull();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void randomOperations_matchAHashMap() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        TaskTable table = new TaskTable();
        Map<String, Task> expected = new HashMap<>();
        for (int op = 0; op < 200_000; op++) {
            String id = "t_" + random.nextInt(5_000); // few ids: long probe runs, many removals inside runs
            switch (random.nextInt(3)) {
                case 0 -> {
                    Task t = task(id);
                    assertThat(table.put(id, t)).as("seed %d", seed).isSameAs(expected.put(id, t));
                }
                case 1 -> assertThat(table.remove(id)).as("seed %d", seed).isSameAs(expected.remove(id));
                default -> assertThat(table.get(id)).as("seed %d", seed).isSameAs(expected.get(id));
            }
            assertThat(table.size()).as("seed %d", seed).isEqualTo(expected.size());
        }
        for (String id : expected.keySet()) {
            assertThat(table.containsKey(id)).as("seed %d", seed).isTrue();
        }
        assertThat(new HashSet<>(table.values())).as("seed %d", seed).isEqualTo(new HashSet<>(expected.values()));
        assertThat(table.values()).hasSize(expected.size());
    }
}
