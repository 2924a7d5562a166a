package dev.baton.server.audit;

import dev.baton.core.command.Command;
import dev.baton.core.command.CreateApiKey;
import dev.baton.core.command.Noop;
import dev.baton.core.command.RecordAudit;
import dev.baton.core.command.RegisterAgent;
import dev.baton.core.command.Requested;
import dev.baton.core.command.SubmitTask;
import dev.baton.server.control.CommandLog;
import dev.baton.core.state.Outcome;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps every command proposed on behalf of an API request ({@link RequestScope#current()}) in a
 * {@link Requested} carrying the request's stamp, so its audit entry is applied in the same log entry as the change.
 * Commands the leader proposes on its own (timers, liveness, retention) pass through unchanged, and so do the
 * {@link Noop}s of the Raft benchmark, which must measure the bare log (the benchmark request gets one entry). A
 * {@link dev.baton.core.command.SubmitTasks} is wrapped once; apply gives each of its tasks its own entry.
 *
 * <p>Threading: called on whichever thread proposes (the control thread, mostly); stateless besides the delegate.
 */
public final class AuditingCommandLog implements CommandLog {
    private final CommandLog delegate;

    public AuditingCommandLog(CommandLog delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<Outcome> propose(Command command) {
        RequestScope.Active request = RequestScope.current();
        if (request == null || command instanceof Requested || command instanceof RecordAudit
                || command instanceof Noop) {
            return delegate.propose(command);
        }
        request.countProposal();
        return delegate.propose(new Requested(request.stamp().withResource(resource(command, request)), command,
                command.nowMs()));
    }

    /** A creation names what it created; anything else keeps the resource the request's path named. */
    private static String resource(Command command, RequestScope.Active request) {
        if (command instanceof SubmitTask c) {
            return "tasks/" + c.taskId();
        }
        if (command instanceof RegisterAgent c) {
            return "agents/" + c.agentId();
        }
        if (command instanceof dev.baton.core.command.SubmitWorkflow c) {
            return "workflows/" + c.workflowId();
        }
        if (command instanceof CreateApiKey c) {
            return "keys/" + c.keyId();
        }
        return request.stamp().resource();
    }
}
