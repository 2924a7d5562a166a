package dev.baton.core.state;

import dev.baton.core.command.RecordAudit;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.Requested;
import dev.baton.core.command.SubmitTasks;
import java.util.function.Consumer;

/**
 * Applies commands that carry their request: runs the inner command, appends its audit entry with the outcome, and
 * binds an agent it registered to the requesting key. A batch submission ({@link SubmitTasks}) gets one entry per
 * task, naming the task it created, exactly as if each had been submitted alone.
 */
final class RequestApplier {
    private final BatonState state;

    RequestApplier(BatonState state) {
        this.state = state;
    }

    Outcome requested(Requested c, Consumer<StateEvent> events) {
        Outcome outcome = state.apply(c.command(), events);
        if (c.command() instanceof RegisterAgent r && outcome instanceof Outcome.AgentOutcome
                && c.request().keyId() != null) {
            state.agentOwners.put(r.agentId(), c.request().keyId());
        }
        if (c.command() instanceof SubmitTasks batch && outcome instanceof Outcome.Each each) {
            for (int i = 0; i < batch.tasks().size(); i++) {
                state.audit.append(c.request().withResource("tasks/" + batch.tasks().get(i).taskId()),
                        auditOutcome(each.outcomes().get(i)), c.nowMs());
            }
            return outcome;
        }
        state.audit.append(c.request(), auditOutcome(outcome), c.nowMs());
        return outcome;
    }

    private static String auditOutcome(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Rejected rejected -> rejected.code();
            case Outcome.BudgetExhausted exhausted -> "budget_exhausted";
            default -> "ok";
        };
    }

    Outcome record(RecordAudit c) {
        state.audit.append(c.request(), c.outcome(), c.nowMs());
        return new Outcome.Done(1);
    }
}
