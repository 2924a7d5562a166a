package dev.baton.client;

import dev.baton.api.Problem;

/**
 * The server answered with an error status; {@link #problem()} is its RFC 9457 problem document
 * (synthesised from the status line when the body was not one). Immutable and safe to share.
 */
public final class BatonApiException extends BatonException {
    private final int status;
    private final transient Problem problem;

    /** Creates the exception for an error reply with the given status and problem document. */
    public BatonApiException(int status, Problem problem) {
        super(describe(status, problem), null);
        this.status = status;
        this.problem = problem;
    }

    /** The HTTP status of the reply. */
    public int status() {
        return status;
    }

    /** The problem document the server sent, never null. */
    public Problem problem() {
        return problem;
    }

    /** True for 401 and 403: the token is missing, unknown, revoked or lacks the role. */
    public boolean isAuthFailure() {
        return status == 401 || status == 403;
    }

    /** True for a 4xx status other than 401 and 403: the request itself was rejected. */
    public boolean isRejected() {
        return status >= 400 && status < 500 && !isAuthFailure();
    }

    private static String describe(int status, Problem problem) {
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        if (problem.title() != null) {
            text.append(' ').append(problem.title());
        }
        if (problem.detail() != null) {
            text.append(": ").append(problem.detail());
        }
        if (problem.field() != null) {
            text.append(" (field ").append(problem.field()).append(')');
        }
        return text.toString();
    }
}
