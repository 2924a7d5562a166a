package dev.baton.core.state;

import dev.baton.core.command.RecordAudit;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.Requested;
import java.util.function.Consumer;

/**
 * Applies commands that carry their request: runs the inner command, appends its audit entry with the outcome, and
 * binds an agent it registered to the requesting key.
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
        state.audit.append(c.request(), outcome instanceof Outcome.Rejected rejected ? rejected.code() : "ok",
                c.nowMs());
        return outcome;
    }

    Outcome record(RecordAudit c) {
        state.audit.append(c.request(), c.outcome(), c.nowMs());
        return new Outcome.Done(1);
    }
}
