package dev.baton.server.control;

/** The agent id is not registered (never was, or was removed): the agent should register again. */
public final class UnknownAgentException extends RuntimeException {
    public UnknownAgentException(String agentId) {
        super("agent '" + agentId + "' is not registered; register again");
    }
}
