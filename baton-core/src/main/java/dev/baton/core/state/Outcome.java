package dev.baton.core.state;

import dev.baton.api.BudgetPeriod;
import dev.baton.api.ResultsResponse.RejectedResult;
import java.util.List;

/** What applying one command did. Business failures are {@link Rejected} values, never exceptions. */
public sealed interface Outcome {

    /** The command changed nothing; {@code code} is stable ({@code not_found}, {@code conflict}, {@code invalid}). */
    record Rejected(String code, String detail) implements Outcome {}

    /** A task was created, found by idempotency key ({@code created == false}) or changed. */
    record TaskOutcome(Task task, boolean created) implements Outcome {}

    /** A workflow was created, found by idempotency key ({@code created == false}) or changed. */
    record WorkflowOutcome(Workflow workflow, boolean created) implements Outcome {}

    /** Tasks leased to an agent (possibly none). */
    record Leased(String agentId, List<Task> tasks) implements Outcome {}

    /** An agent after the change (null when it was removed). */
    record AgentOutcome(Agent agent) implements Outcome {}

    /** Results recorded and rejected. */
    record Results(List<String> accepted, List<RejectedResult> rejected) implements Outcome {}

    /** The outcomes of a command made of several, in their order ({@link dev.baton.core.command.SubmitTasks}). */
    record Each(List<Outcome> outcomes) implements Outcome {
        public Each {
            outcomes = List.copyOf(outcomes);
        }
    }

    /** A change with nothing to return but a count (keys created, tasks evicted). */
    record Done(int count) implements Outcome {}

    /** A tenant after the change ({@code created} when it was new; null when it was deleted). */
    record TenantOutcome(Tenant tenant, boolean created) implements Outcome {}

    /**
     * A submission refused because its tenant spent its budget for the period ending at {@code periodEndMs};
     * amounts in cost units.
     */
    record BudgetExhausted(String tenant, double spent, double budget, BudgetPeriod period,
                           long periodEndMs) implements Outcome {}

    static Rejected notFound(String what, String id) {
        return new Rejected("not_found", what + " '" + id + "' does not exist");
    }
}
