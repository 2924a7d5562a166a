package dev.baton.client;

/**
 * The server could not be reached (connection refused or reset, DNS failure, interrupted call);
 * the request may or may not have been processed. Immutable and safe to share.
 */
public sealed class BatonUnavailableException extends BatonException permits BatonTimeoutException {

    /** Creates the exception with a message naming the server and the cause. */
    public BatonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
