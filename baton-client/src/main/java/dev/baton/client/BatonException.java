package dev.baton.client;

/**
 * Base of every failure a Baton client call reports: either the server answered with an error
 * ({@link BatonApiException}) or it could not be reached in time ({@link BatonUnavailableException}).
 * Unchecked so that handler and script code need not declare it. Immutable and safe to share.
 */
public abstract sealed class BatonException extends RuntimeException
        permits BatonApiException, BatonUnavailableException {

    BatonException(String message, Throwable cause) {
        super(message, cause);
    }
}
