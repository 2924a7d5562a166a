package dev.baton.client;

import dev.baton.api.ErrorInfo;

/**
 * Thrown by a {@link TaskHandler} to fail the attempt with a chosen error code; Baton retries it
 * per the task's retry policy only when {@code retryable}. Immutable.
 */
public final class TaskFailure extends RuntimeException {
    private final String code;
    private final boolean retryable;

    /** A failure with a stable code such as {@code INVALID_INPUT}, a human message, and whether a retry may help. */
    public TaskFailure(String code, String message, boolean retryable) {
        super(message);
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a TaskFailure needs an error code");
        }
        this.code = code;
        this.retryable = retryable;
    }

    /** The error code reported to Baton. */
    public String code() {
        return code;
    }

    /** Whether Baton may retry the task after this failure. */
    public boolean retryable() {
        return retryable;
    }

    /** The wire form of this failure. */
    public ErrorInfo toErrorInfo() {
        return ErrorInfo.of(code, getMessage(), retryable);
    }
}
