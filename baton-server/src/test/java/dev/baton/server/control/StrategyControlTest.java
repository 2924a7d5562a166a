package dev.baton.server.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.api.ErrorCodes;
import dev.baton.api.ErrorInfo;
import dev.baton.api.RetryPolicy;
import dev.baton.api.Strategy;
import dev.baton.api.TaskState;
import dev.baton.api.Timeouts;
import dev.baton.core.command.ReportResults;
import dev.baton.core.state.Attempt;
import dev.baton.core.state.Outcome;
import dev.baton.core.state.Task;
import dev.baton.core.state.TaskSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Consensus and race through the real control loop and apply, over the in-memory log: fan-out to distinct agents,
 * voting, cancellation of the losers, retries and timeouts of sources.
 */
class StrategyControlTest {
    private static final int SEEDS = 200;
    private static final String RIGHT = "{\"answer\":42,\"unit\":\"m\"}";

    static TaskSpec fanOut(Strategy strategy) {
        return new TaskSpec(ControlHarness.CAPABILITY, "{\"q\":\"?\"}", TaskSpec.DEFAULT_PRIORITY, null, null,
                Map.of(), RetryPolicy.DEFAULT, Timeouts.NONE, Map.of(), null, strategy, null);
    }

    static Strategy consensus(int agents, int quorum) {
        return new Strategy(Strategy.CONSENSUS, agents, quorum, Strategy.COMPARE_JSON, 300);
    }

    /** What one run of consensus{5,3} ended as. */
    record Run(Task parent, int resultsAccepted, int resultsRefused, Set<String> agentsUsed) {}

    /**
     * Five agents; the ones in {@code wrong} answer something no other agent answers. Agents poll in a seeded order,
     * each takes one source, then they report in a seeded order. The right answer arrives with its keys in a
     * different order from each agent, so only canonical JSON comparison groups them.
     */
    static Run consensusRun(long seed, int wrongCount) {
        Random random = new Random(seed);
        ControlHarness h = new ControlHarness();
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(h.register("agent-" + i, 4));
        }
        List<String> shuffled = new ArrayList<>(agents);
        Collections.shuffle(shuffled, random);
        Set<String> wrong = new HashSet<>(shuffled.subList(0, wrongCount));
        String parentId = h.submit(fanOut(consensus(5, 3)));

        Collections.shuffle(shuffled, random);
        Map<String, Task> leased = new java.util.LinkedHashMap<>();
        for (String agent : shuffled) {
            List<Task> got = h.await(h.control.poll(agent, 4, 0));
            assertThat(got).as("each agent takes exactly one source").hasSize(1);
            leased.put(agent, got.getFirst());
        }
        Collections.shuffle(shuffled, random);
        int accepted = 0;
        int refused = 0;
        for (String agent : shuffled) {
            Task source = leased.get(agent);
            String output = wrong.contains(agent) ? "{\"answer\":" + (1000 + agents.indexOf(agent)) + "}"
                    : random.nextBoolean() ? RIGHT : "{\"unit\":\"m\",  \"answer\":42.0}";
            Outcome.Results results = (Outcome.Results) h.await(h.control.report(agent, List.of(
                    new ReportResults.Report(source.id(), source.attempt(), TaskState.SUCCEEDED, output, null, 0))));
            accepted += results.accepted().size();
            refused += results.rejected().size();
        }
        Set<String> used = new HashSet<>();
        leased.values().forEach(t -> used.add(h.task(t.id()).attempts().getFirst().agentId()));
        return new Run(h.task(parentId), accepted, refused, used);
    }

    @Test
    void consensus5of3_twoWrongAgents_returnsTheRightAnswerForEverySeed() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Run run = consensusRun(seed, 2);
            Task parent = run.parent();
            assertThat(parent.state()).as("seed %d", seed).isEqualTo(TaskState.SUCCEEDED);
            assertThat(dev.baton.core.strategy.ResultComparator.key("json", parent.resultJson()))
                    .as("seed %d", seed).isEqualTo(dev.baton.core.strategy.ResultComparator.key("json", RIGHT));
            assertThat(run.agentsUsed()).as("five distinct agents").hasSize(5);
            assertThat(parent.attempts()).as("every source recorded").hasSize(5);
            assertThat(parent.attempts().stream().filter(a -> "succeeded".equals(a.outcome())).count())
                    .isEqualTo(run.resultsAccepted());
            assertThat(parent.attempts()).filteredOn(a -> "cancelled".equals(a.outcome()))
                    .hasSize(run.resultsRefused());
        }
    }

    @Test
    void consensus5of3_threeWrongAgents_endsNoConsensusWithEverySourceRecorded() {
        int allFiveAnswered = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Run run = consensusRun(seed, 3);
            Task parent = run.parent();
            assertThat(parent.state()).as("seed %d", seed).isEqualTo(TaskState.FAILED);
            assertThat(parent.error().code()).isEqualTo(ErrorCodes.NO_CONSENSUS);
            assertThat(parent.attempts()).as("seed %d: all five sources recorded", seed).hasSize(5)
                    .extracting(Attempt::agentId).doesNotHaveDuplicates().doesNotContainNull();
            List<Attempt> answered = parent.attempts().stream().filter(a -> "succeeded".equals(a.outcome())).toList();
            assertThat(answered).hasSize(run.resultsAccepted()).allSatisfy(a -> assertThat(a.resultJson()).isNotNull());
            // Decided as soon as no group could reach 3: after the 4th result unless both right answers are in.
            assertThat(run.resultsAccepted()).isBetween(4, 5);
            allFiveAnswered += run.resultsAccepted() == 5 ? 1 : 0;
        }
        assertThat(allFiveAnswered).as("runs where the decision needed all five results").isBetween(1, SEEDS - 1);
        System.out.printf("consensus{5,3}, 3 wrong: NO_CONSENSUS in %d/%d seeds; all five results in before the "
                + "decision in %d, four results and one source cancelled in %d%n", SEEDS, SEEDS, allFiveAnswered,
                SEEDS - allFiveAnswered);
    }

    @Test
    void consensus_rightAnswersFirst_recordsAllFiveResults() {
        ControlHarness h = new ControlHarness();
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(h.register("agent-" + i, 1));
        }
        String parentId = h.submit(fanOut(consensus(5, 3)));
        List<Task> sources = agents.stream().map(h::pollOne).toList();
        String[] outputs = {RIGHT, RIGHT, "{\"answer\":1}", "{\"answer\":2}", "{\"answer\":3}"};
        for (int i = 0; i < 5; i++) {
            h.await(h.control.report(agents.get(i), List.of(new ReportResults.Report(sources.get(i).id(),
                    sources.get(i).attempt(), TaskState.SUCCEEDED, outputs[i], null, 0))));
        }
        Task parent = h.task(parentId);
        assertThat(parent.state()).isEqualTo(TaskState.FAILED);
        assertThat(parent.error().code()).isEqualTo(ErrorCodes.NO_CONSENSUS);
        assertThat(parent.attempts()).extracting(Attempt::resultJson).containsExactly(outputs);
        assertThat(parent.attempts()).extracting(Attempt::number).containsExactly(
                sources.stream().map(s -> Integer.parseInt(s.id().substring(s.id().lastIndexOf('.') + 1)))
                        .toArray(Integer[]::new));
    }

    @Test
    void race_firstSuccessWins_andTheOtherSourceIsCancelledAndStopped() {
        ControlHarness h = new ControlHarness();
        String fast = h.register("fast", 2);
        String slow = h.register("slow", 2);
        String parentId = h.submit(fanOut(new Strategy(Strategy.RACE, 2, null, null, 300)));
        assertThat(h.task(parentId).state()).isEqualTo(TaskState.QUEUED);
        Task fastSource = h.pollOne(fast);
        Task slowSource = h.pollOne(slow);
        assertThat(h.task(parentId).state()).isEqualTo(TaskState.RUNNING);

        h.report(fast, fastSource, TaskState.SUCCEEDED);

        Task parent = h.task(parentId);
        assertThat(parent.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(parent.resultJson()).isEqualTo("{\"ok\":true}");
        assertThat(h.task(slowSource.id()).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(h.heartbeat(slow, ControlHarness.ref(slowSource)).stop()).containsExactly(
                ControlHarness.ref(slowSource));
        assertThat(h.report(slow, slowSource, TaskState.SUCCEEDED).rejected()).hasSize(1);
        assertThat(h.agent(slow).activeTaskIds()).isEmpty();
        assertThat(parent.attempts()).extracting(Attempt::outcome).containsExactly("succeeded", "cancelled");
    }

    @Test
    void race_everySourceFails_endsNoSuccess() {
        ControlHarness h = new ControlHarness();
        String a = h.register("a", 1);
        String b = h.register("b", 1);
        TaskSpec spec = new TaskSpec(ControlHarness.CAPABILITY, "{}", 3, null, null, Map.of(),
                new RetryPolicy(1, 1, 2.0, 1, List.of()), Timeouts.NONE, Map.of(), null,
                new Strategy(Strategy.RACE, 2, null, null, 300), null);
        String parentId = h.submit(spec);
        Task sa = h.pollOne(a);
        Task sb = h.pollOne(b);
        h.report(a, sa, TaskState.FAILED);
        assertThat(h.task(parentId).state()).isEqualTo(TaskState.RUNNING);
        h.report(b, sb, TaskState.FAILED);

        Task parent = h.task(parentId);
        assertThat(parent.state()).isEqualTo(TaskState.FAILED);
        assertThat(parent.error().code()).isEqualTo(ErrorCodes.NO_SUCCESS);
        assertThat(parent.error().message()).contains("BOOM");
    }

    @Test
    void source_retriedAfterAFailure_staysOnAgentsThatRunNoSibling() {
        ControlHarness h = new ControlHarness();
        String a = h.register("a", 2);
        String b = h.register("b", 2);
        String c = h.register("c", 2);
        String parentId = h.submit(new TaskSpec(ControlHarness.CAPABILITY, "{}", 3, null, null, Map.of(),
                new RetryPolicy(3, 10, 2.0, 10, List.of()), Timeouts.NONE, Map.of(), null, consensus(3, 2), null));
        Task sa = h.pollOne(a);
        Task sb = h.pollOne(b);
        assertThat(h.await(h.control.poll(a, 2, 0))).as("a already runs a source").isEmpty();

        h.report(a, sa, TaskState.FAILED); // retryable: the source goes back to the queue
        h.advance(20);
        assertThat(h.await(h.control.poll(b, 2, 0))).as("b runs a sibling").isEmpty();
        Task retried = h.pollOne(a);
        Task third = h.pollOne(c);

        assertThat(retried.id()).isEqualTo(sa.id());
        assertThat(retried.attempt()).isEqualTo(2);
        h.report(a, retried, TaskState.SUCCEEDED);
        h.report(b, sb, TaskState.SUCCEEDED);
        assertThat(h.task(parentId).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(h.task(third.id()).state()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void fanOut_pastStrategyTimeout_endsTimedOutAndCancelsSources() {
        ControlHarness h = new ControlHarness();
        String a = h.register("a", 1);
        String parentId = h.submit(fanOut(new Strategy(Strategy.CONSENSUS, 3, 2, "json", 5)));
        Task source = h.pollOne(a);
        h.stayAliveFor(a, 4_000);
        h.heartbeat(a, ControlHarness.ref(source));
        assertThat(h.task(parentId).state()).isEqualTo(TaskState.RUNNING);

        h.stayAliveFor(a, 2_000);

        Task parent = h.task(parentId);
        assertThat(parent.state()).isEqualTo(TaskState.TIMED_OUT);
        assertThat(parent.error().code()).isEqualTo(ErrorCodes.STRATEGY_TIMEOUT);
        assertThat(h.task(source.id()).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(h.task(Task.sourceId(parentId, 2)).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(parent.attempts()).hasSize(3);
    }

    @Test
    void fanOut_cancelled_cancelsEverySource() {
        ControlHarness h = new ControlHarness();
        String a = h.register("a", 1);
        String parentId = h.submit(fanOut(consensus(3, 2)));
        Task source = h.pollOne(a);

        h.await(h.control.cancel(parentId, "changed my mind"));

        assertThat(h.task(parentId).state()).isEqualTo(TaskState.CANCELLED);
        for (int i = 1; i <= 3; i++) {
            assertThat(h.task(Task.sourceId(parentId, i)).state()).isEqualTo(TaskState.CANCELLED);
        }
        assertThat(h.agent(a).activeTaskIds()).isEmpty();
        assertThat(h.heartbeat(a, ControlHarness.ref(source)).stop()).hasSize(1);
        assertThat(h.task(parentId).error()).isEqualTo(ErrorInfo.of(ErrorCodes.CANCELLED, "changed my mind", false));
    }
}
