package dev.baton.cli;

import dev.baton.client.BatonApiException;
import dev.baton.client.BatonException;
import dev.baton.client.BatonTimeoutException;

/** The exit codes of every {@code baton} command, also listed in {@code baton --help}. Stateless. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The task ended but did not succeed ({@code submit --wait}, {@code tasks get --wait}). */
    public static final int TASK_NOT_SUCCEEDED = 1;
    /** The command line was wrong (picocli's default for usage errors). */
    public static final int USAGE = 2;
    /** The server could not be reached. */
    public static final int UNREACHABLE = 3;
    /** Authentication or authorization failed (HTTP 401 or 403). */
    public static final int AUTH_FAILED = 4;
    /** The server rejected the request (any other 4xx); the problem's detail and field are printed. */
    public static final int REJECTED = 5;
    /** The server failed (5xx), was unhealthy, or did not answer or finish in time. */
    public static final int SERVER_ERROR_OR_TIMEOUT = 6;
    /** {@code baton audit verify} found the audit trail modified, reordered or cut. */
    public static final int VERIFY_FAILED = 7;

    static final String OK_HELP = "0:OK.";
    static final String TASK_NOT_SUCCEEDED_HELP = "1:The task ended but did not succeed (submit --wait, tasks get --wait).";
    static final String USAGE_HELP = "2:Usage error: bad command line.";
    static final String UNREACHABLE_HELP = "3:Server unreachable.";
    static final String AUTH_FAILED_HELP = "4:Authentication or authorization failed (HTTP 401/403).";
    static final String REJECTED_HELP = "5:Request rejected (other 4xx); the problem's detail and field are printed.";
    static final String SERVER_ERROR_HELP = "6:Server error (5xx), unhealthy, or timeout.";
    static final String VERIFY_FAILED_HELP = "7:baton audit verify found the audit trail altered.";

    private ExitCodes() {}

    /**
     * The exit code for a failed client call. A call that failed over until its window ran out is judged by
     * its last failure: nodes that kept answering 503 are a server error, nodes that could not be reached are
     * unreachable.
     */
    public static int of(BatonException e) {
        if (!(e instanceof BatonApiException) && e.getCause() instanceof BatonApiException last) {
            return of(last);
        }
        if (e instanceof BatonApiException api) {
            if (api.isAuthFailure()) {
                return AUTH_FAILED;
            }
            return api.isRejected() ? REJECTED : SERVER_ERROR_OR_TIMEOUT;
        }
        return e instanceof BatonTimeoutException ? SERVER_ERROR_OR_TIMEOUT : UNREACHABLE;
    }
}
