package dev.baton.server.control;

/**
 * A proposal reached the Raft log but this node cannot tell whether it will be applied: leadership was lost while
 * it was pending (the next leader may still commit it), or it committed without its outcome coming back. Callers
 * must not report it as "not applied"; a retry is safe only with an idempotency key.
 */
public final class OutcomeUnknownException extends RuntimeException {
    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
