package dev.baton.api;

/** Error codes Baton itself writes into {@link ErrorInfo#code()} and rejection reasons. */
public final class ErrorCodes {
    private ErrorCodes() {}

    public static final String AGENT_DOWN = "AGENT_DOWN";
    public static final String LEASE_EXPIRED = "LEASE_EXPIRED";
    public static final String START_TO_CLOSE_TIMEOUT = "START_TO_CLOSE_TIMEOUT";
    public static final String HEARTBEAT_TIMEOUT = "HEARTBEAT_TIMEOUT";
    public static final String SCHEDULE_TO_START_TIMEOUT = "SCHEDULE_TO_START_TIMEOUT";
    public static final String AGENT_DEREGISTERED = "AGENT_DEREGISTERED";
    public static final String CANCELLED = "CANCELLED";
    /** A consensus task none of whose groups of equal results can still reach the quorum. */
    public static final String NO_CONSENSUS = "NO_CONSENSUS";
    /** Every source of a race task failed. */
    public static final String NO_SUCCESS = "NO_SUCCESS";
    /** A consensus or race task did not decide within its strategy's timeout. */
    public static final String STRATEGY_TIMEOUT = "STRATEGY_TIMEOUT";
    /** A question asked with {@code awaiting_input} was not answered before its deadline. */
    public static final String INPUT_TIMEOUT = "INPUT_TIMEOUT";

    public static final String STALE_ATTEMPT = "stale_attempt";
    public static final String UNKNOWN_TASK = "unknown_task";
    public static final String ALREADY_FINISHED = "already_finished";
    public static final String NOT_LEASED_TO_AGENT = "not_leased_to_agent";
    public static final String INVALID_RESULT = "invalid_result";
}
