package dev.baton.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * How one attempt failed without an HTTP reply, sorted by whether the request can have reached a
 * server. Immutable.
 *
 * @param kind whether the request was sent
 * @param reason a few words for people: {@code connection refused}, {@code no reply within 30000 ms}
 * @param cause the I/O error
 */
record SendFailure(Kind kind, String reason, IOException cause) {

    /** Whether the request reached a server. */
    enum Kind {
        /** It never left: connection refused, connect timeout, unknown host. Always safe to send elsewhere. */
        NOT_SENT,
        /** It was sent, then the connection broke (reset, end of stream): it may have been applied. */
        BROKEN,
        /** It was sent and no reply came within the request timeout: it may have been applied. */
        TIMED_OUT
    }

    /** Classifies the error {@link java.net.http.HttpClient#send} threw for a request with this timeout. */
    static SendFailure of(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return new SendFailure(Kind.NOT_SENT, "connect timed out", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new SendFailure(Kind.TIMED_OUT, "no reply within " + timeout.toMillis() + " ms", e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException) {
            return new SendFailure(Kind.NOT_SENT, unresolved(e) ? "unknown host" : "connection refused", e);
        }
        return new SendFailure(Kind.BROKEN, "connection lost: " + describe(e), e);
    }

    /** The error to surface when the request is not sent again: it names the node and says it may have been applied. */
    BatonUnavailableException toException(String node, String call) {
        return switch (kind) {
            case NOT_SENT -> new BatonUnavailableException("cannot reach Baton at " + node + ": " + reason, cause);
            case BROKEN -> new BatonUnavailableException("the connection to Baton at " + node + " broke after "
                    + call + " was sent (" + reason + "); not sent again since it may have been applied", cause);
            case TIMED_OUT -> new BatonTimeoutException(call + " got no reply from " + node + ": " + reason
                    + "; not sent again since it may have been applied", cause);
        };
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            message = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getClass().getSimpleName();
        }
        return message;
    }
}
