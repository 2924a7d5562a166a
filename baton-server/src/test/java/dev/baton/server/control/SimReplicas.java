package dev.baton.server.control;

import dev.baton.api.TaskState;
import dev.baton.core.codec.SnapshotCodec;
import dev.baton.core.state.BatonState;
import dev.baton.core.state.Task;
import dev.baton.server.state.StateStore;
import java.util.Arrays;
import java.util.List;

/**
 * Replica agreement: replicas that applied the same log hold the same tasks, agents and keys, build the same
 * indexes (queues in the same order, the same counts per state) and encode to the same digest. Comparing records
 * is much cheaper than encoding, so digests are compared once per run.
 */
final class SimReplicas {
    private SimReplicas() {}

    /** Every replica equals the reference, which has applied {@code index} entries like them. */
    static void requireSame(StateStore reference, List<StateStore> replicas, int index) {
        BatonState expected = reference.read(s -> s);
        String expectedIndexes = indexes(expected);
        for (StateStore replica : replicas) {
            BatonState actual = replica.read(s -> s);
            String difference = difference(expected, actual);
            if (difference != null) {
                throw new AssertionError("a replica's state differs from the reference after index " + index + ": "
                        + difference);
            }
            String actualIndexes = indexes(actual);
            if (!actualIndexes.equals(expectedIndexes)) {
                throw new AssertionError("a replica's indexes differ from the reference after index " + index + ": "
                        + actualIndexes + " vs " + expectedIndexes);
            }
        }
    }

    /** The replica's snapshot digest is the reference's. */
    static void requireSameDigest(StateStore reference, StateStore replica) {
        String expected = SnapshotCodec.digest(reference.snapshot().snapshot());
        String actual = SnapshotCodec.digest(replica.snapshot().snapshot());
        if (!actual.equals(expected)) {
            throw new AssertionError("a replica's state digest " + actual + " differs from the reference's "
                    + expected);
        }
    }

    /** What differs between two states' primary data, or null when nothing does. */
    private static String difference(BatonState expected, BatonState actual) {
        if (expected.taskCount() != actual.taskCount() || expected.nextSeq() != actual.nextSeq()) {
            return actual.taskCount() + " tasks and next seq " + actual.nextSeq() + " where the reference has "
                    + expected.taskCount() + " and " + expected.nextSeq();
        }
        for (Task task : expected.allTasks()) {
            Task other = actual.taskById(task.id()).orElse(null);
            if (!task.equals(other)) {
                return "task " + other + " where the reference has " + task;
            }
        }
        if (!expected.agents().equals(actual.agents())) {
            return "agents " + actual.agents() + " where the reference has " + expected.agents();
        }
        if (!expected.apiKeys().equals(actual.apiKeys())) {
            return "API keys " + actual.apiKeys() + " where the reference has " + expected.apiKeys();
        }
        return null;
    }

    /** The derived indexes: queue depths, every queued task in dispatch order, and the count per state. */
    private static String indexes(BatonState s) {
        return s.queueDepths() + " " + s.queuedTaskIds(s.queueDepths().keySet(), Integer.MAX_VALUE, id -> true)
                + " " + Arrays.stream(TaskState.values()).map(st -> st + "=" + s.countInState(st)).toList();
    }
}
