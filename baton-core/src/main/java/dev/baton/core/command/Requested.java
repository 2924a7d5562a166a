package dev.baton.core.command;

/**
 * A command issued by an API request. Apply runs {@code command}, then appends an audit entry for the request with
 * the command's outcome, and records the requesting key as the owner of an agent the command registers — all in the
 * same log entry, so the change and its audit record commit together or not at all.
 */
public record Requested(RequestStamp request, Command command, long nowMs) implements Command {
    @Override
    public int weight() {
        return command.weight();
    }
}
