package dev.baton.server.control;

import dev.baton.core.command.Command;
import dev.baton.core.state.Outcome;
import java.util.concurrent.CompletableFuture;

/**
 * Where the leader proposes commands. The future completes with the command's outcome once the command is
 * committed and applied on this node, or exceptionally: {@link NotLeaderException} or a full queue when it never
 * reached the log, {@link OutcomeUnknownException} when it did but its fate is unknown.
 * Implementations batch commands that arrive close together into one log entry.
 */
public interface CommandLog {
    CompletableFuture<Outcome> propose(Command command);
}
