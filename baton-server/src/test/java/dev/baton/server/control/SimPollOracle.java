package dev.baton.server.control;

import dev.baton.api.TaskState;
import dev.baton.core.state.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A lease the leader proposed in its term goes to the long poll that waits for it, and the node answers that poll
 * with exactly the tasks leased to it: none lost until the lease expires, none handed out twice.
 *
 * <p>Seen from the network: each delivery of an agent's poll to a node, and the node's answer. When a lease the
 * current leader proposed commits, a poll of that agent must be open at the leader; if several are (a new poll while
 * a lease for the previous one was in flight), which one the lease answers is ambiguous. A poll the network
 * delivered twice is ambiguous (each copy is a poll of its own), and so is every poll of an agent when a lease
 * carried over from an earlier term commits. An answer to an unambiguous poll must list exactly the tasks leased
 * for it; any answer lists only tasks leased to the polling agent.
 */
final class SimPollOracle {
    /** One poll request of an agent, probed on each delivery. */
    final class Poll implements SimNetwork.Probe<List<Task>> {
        private final String agentId;
        private final Set<String> expected = new TreeSet<>();
        private SimNetwork.Exchange<List<Task>> exchange;
        private int deliveries;
        private int open;
        private boolean ambiguous;

        private Poll(String agentId) {
            this.agentId = agentId;
        }

        void sentAs(SimNetwork.Exchange<List<Task>> sent) {
            this.exchange = sent;
        }

        @Override
        public void delivered(SimNode node) {
            open++;
            ambiguous |= ++deliveries > 1; // a duplicate: each copy is a poll of its own
        }

        @Override
        public void served(SimNode node, List<Task> tasks, Throwable error) {
            open--;
            if (error != null) {
                return;
            }
            for (Task task : tasks) {
                SimInvariants.require(agentId.equals(task.agentId()) && task.state() == TaskState.LEASED, () ->
                        "poll of " + agentId + " answered with a task not leased to it: " + task);
            }
            Set<String> delivered = tasks.stream().map(Task::id).collect(Collectors.toCollection(TreeSet::new));
            SimInvariants.require(ambiguous || delivered.equals(expected), () -> "poll of " + agentId
                    + " answered with " + delivered + " but the log leased it " + expected
                    + ": leased tasks lost until their lease expires");
        }
    }

    private final Map<String, List<Poll>> byAgent = new HashMap<>();

    /** A poll the agent is about to send. */
    Poll poll(String agentId) {
        Poll poll = new Poll(agentId);
        List<Poll> polls = byAgent.computeIfAbsent(agentId, k -> new ArrayList<>());
        polls.removeIf(p -> p.exchange.finished());
        polls.add(poll);
        return poll;
    }

    /** A lease committed; {@code proposer} is the leader that proposed it in this term, null if carried over. */
    void leased(String agentId, List<Task> tasks, SimNode proposer) {
        List<Poll> polls = byAgent.getOrDefault(agentId, List.of());
        if (proposer == null) {
            polls.forEach(p -> p.ambiguous = true);
            return;
        }
        List<Poll> waiting = polls.stream().filter(p -> p.open > 0 && p.exchange.target == proposer
                && p.exchange.incarnation == proposer.incarnation()).toList();
        List<String> ids = tasks.stream().map(Task::id).toList();
        SimInvariants.require(!waiting.isEmpty(), () -> "agent " + agentId + " was leased " + ids
                + " with no poll of it waiting at " + proposer.name());
        if (waiting.size() > 1) {
            waiting.forEach(p -> p.ambiguous = true);
        } else {
            waiting.getFirst().expected.addAll(ids);
        }
    }
}
