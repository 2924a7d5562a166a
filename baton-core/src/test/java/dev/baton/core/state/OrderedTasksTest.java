package dev.baton.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OrderedTasksTest {
    private static final Comparator<Task> BY_PRIORITY_THEN_SEQ = Comparator
            .comparingInt((Task t) -> -t.spec().priority()).thenComparingLong(Task::seq);

    private static Task task(long seq, int priority) {
        return Task.queued("t_" + seq, new TaskSpec("summarize", "{}", priority, null, null, null, null, null), seq,
                0);
    }

    private static List<Task> listOf(Iterable<Task> tasks) {
        List<Task> out = new ArrayList<>();
        tasks.forEach(out::add);
        return out;
    }

    @Test
    void add_inAnyOrder_iteratesInOrder() {
        OrderedTasks tasks = new OrderedTasks(BY_PRIORITY_THEN_SEQ);
        tasks.add(task(3, 3));
        tasks.add(task(1, 1));
        tasks.add(task(2, 5));

        assertThat(listOf(tasks)).extracting(Task::seq).containsExactly(2L, 3L, 1L);
    }

    @Test
    void add_equalByOrder_isRefused() {
        OrderedTasks tasks = new OrderedTasks(BY_PRIORITY_THEN_SEQ);

        assertThat(tasks.add(task(1, 3))).isTrue();
        assertThat(tasks.add(task(1, 3))).isFalse();
        assertThat(tasks.size()).isEqualTo(1);
    }

    @Test
    void remove_absentTask_returnsFalse() {
        OrderedTasks tasks = new OrderedTasks(BY_PRIORITY_THEN_SEQ);
        tasks.add(task(1, 3));

        assertThat(tasks.remove(task(2, 3))).isFalse();
        assertThat(new OrderedTasks(BY_PRIORITY_THEN_SEQ).remove(task(1, 3))).isFalse();
    }

    @Test
    void randomOperations_matchATreeSet() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        OrderedTasks tasks = new OrderedTasks(BY_PRIORITY_THEN_SEQ);
        TreeSet<Task> expected = new TreeSet<>(BY_PRIORITY_THEN_SEQ);
        long nextSeq = 0;
        for (int op = 0; op < 100_000; op++) {
            int kind = random.nextInt(10);
            if (kind < 4) { // a new task: after all others of its priority
                Task t = task(nextSeq++, 1 + random.nextInt(5));
                assertThat(tasks.add(t)).as("seed %d", seed).isEqualTo(expected.add(t));
            } else if (kind < 6 && nextSeq > 0) { // a task queued again (or already queued): anywhere
                Task t = task(random.nextLong(nextSeq), 1 + random.nextInt(5));
                assertThat(tasks.add(t)).as("seed %d", seed).isEqualTo(expected.add(t));
            } else if (kind < 8 && !expected.isEmpty()) { // leased: the first
                Task first = expected.first();
                assertThat(tasks.remove(first)).as("seed %d", seed).isEqualTo(expected.remove(first));
            } else if (nextSeq > 0) { // cancelled: anywhere, maybe absent
                Task t = task(random.nextLong(nextSeq), 1 + random.nextInt(5));
                assertThat(tasks.remove(t)).as("seed %d", seed).isEqualTo(expected.remove(t));
            }
            assertThat(tasks.size()).as("seed %d", seed).isEqualTo(expected.size());
            if (op % 5_000 == 0) {
                assertThat(listOf(tasks)).as("seed %d", seed).containsExactlyElementsOf(expected);
            }
        }
        assertThat(listOf(tasks)).as("seed %d", seed).containsExactlyElementsOf(expected);
        List<Task> drain = new ArrayList<>(expected);
        java.util.Collections.shuffle(drain, random); // a random order: chunks merge and vanish
        for (Task t : drain) {
            assertThat(tasks.remove(t)).as("seed %d", seed).isTrue();
            expected.remove(t);
            assertThat(tasks.size()).as("seed %d", seed).isEqualTo(expected.size());
        }
        assertThat(tasks.isEmpty()).isTrue();
        assertThat(tasks.iterator().hasNext()).isFalse();
    }
}
