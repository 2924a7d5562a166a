package dev.baton.core.command;

import dev.baton.api.Role;

/**
 * Who asked for a change and through which request, as the leader saw it: the principal (key id, name, role,
 * tenant), the route ({@code action}), what it acted on ({@code resource}), the request id and the client address.
 * {@code keepEntries} is the leader's audit retention, carried so every node trims its trail alike.
 */
public record RequestStamp(String keyId, String keyName, Role role, String tenant, String action, String resource,
                           String requestId, String source, int keepEntries) {
    /** The same stamp naming another resource (the id a creation generated). */
    public RequestStamp withResource(String value) {
        return new RequestStamp(keyId, keyName, role, tenant, action, value, requestId, source, keepEntries);
    }
}
