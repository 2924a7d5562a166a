package dev.baton.api;

/**
 * One entry of the audit trail: who ({@code keyId}, {@code keyName}, {@code role}, {@code tenant}) did what
 * ({@code action}: the route, such as {@code POST /v1/tasks/{id}/cancel}) to what ({@code resource}:
 * {@code tasks/t_...}), with what result ({@code outcome}: {@code ok}, a rejection code such as {@code not_found},
 * or for a request that never reached the state, its problem type such as {@code forbidden}), when ({@code time},
 * the leader's clock), as which request ({@code requestId}, the {@code X-Request-Id}) and from where
 * ({@code source}, the client address). {@code hash} is {@link AuditChain#hash} of every other field, and
 * {@code prevHash} the hash of the entry before ({@code seq - 1}), so the entries form a chain.
 */
public record AuditRecord(long seq, String time, String keyId, String keyName, String role, String tenant,
                          String action, String resource, String outcome, String requestId, String source,
                          String prevHash, String hash) {}
