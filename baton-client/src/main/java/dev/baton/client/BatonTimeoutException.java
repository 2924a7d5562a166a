package dev.baton.client;

/**
 * The server accepted the connection but did not answer within the request timeout; the request
 * may or may not have been processed. Immutable and safe to share.
 */
public final class BatonTimeoutException extends BatonUnavailableException {

    /** Creates the exception with a message naming the request and the timeout. */
    public BatonTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
