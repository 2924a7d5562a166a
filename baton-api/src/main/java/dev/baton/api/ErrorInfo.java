package dev.baton.api;

/** Why an attempt or a task failed: a stable code, a human message, and whether a retry may help. */
public record ErrorInfo(String code, String message, boolean retryable) {
    public static ErrorInfo of(String code, String message, boolean retryable) {
        return new ErrorInfo(code, message, retryable);
    }
}
