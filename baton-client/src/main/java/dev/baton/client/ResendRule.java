package dev.baton.client;

import dev.baton.api.BatchSubmitRequest;
import dev.baton.api.SubmitTaskRequest;
import java.util.regex.Pattern;

/**
 * Which requests the transport may send again after the connection broke once they were sent, so
 * that the server may or may not have applied them. One place for the whole client; stateless.
 *
 * <p>Safe to repeat:
 * <ul>
 *   <li>{@code GET} and {@code HEAD}: reads;</li>
 *   <li>{@code POST /v1/tasks} and {@code /v1/tasks/batch} when every task has an idempotency key: a repeat
 *       answers with the task the first send created ({@link BatonClient} fills in a key when none is given);</li>
 *   <li>agent heartbeats and task heartbeats: they only extend leases;</li>
 *   <li>result reports: the server answers a repeat of a result it recorded as accepted, and anything else is
 *       fenced by the attempt number;</li>
 *   <li>agent polls: leases a lost reply carried expire and the server retries those tasks (at-least-once
 *       dispatch), exactly as when the agent polls again after an error;</li>
 *   <li>{@code POST /v1/tasks/{id}/cancel}: cancelling twice cancels once;</li>
 *   <li>{@code PUT /v1/tenants/{name}}: it replaces the whole configuration.</li>
 *   <li>{@code POST /v1/tasks/{id}/await-input} and {@code /input}: the same attempt asking again, or the answer
 *       already recorded sent again, returns the task unchanged.</li>
 * </ul>
 * Not safe, so surfaced to the caller: registering an agent (a repeat registers a second agent), creating or
 * revoking a key, deregistering, and any request not listed.
 */
final class ResendRule {
    private static final Pattern AGENT_CALL = Pattern.compile("/v1/agents/[^/]+/(heartbeat|results|poll)");
    private static final Pattern TASK_CALL = Pattern.compile("/v1/tasks/[^/]+/(heartbeat|cancel|await-input|input)");

    private ResendRule() {}

    /** True when sending {@code method path} with {@code body} twice has the effect of sending it once. */
    static boolean safeToResend(String method, String pathAndQuery, Object body) {
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        if ("PUT".equals(method)) {
            return pathAndQuery.startsWith("/v1/tenants/");
        }
        if (!"POST".equals(method)) {
            return false;
        }
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        return switch (path) {
            case "/v1/tasks" -> body instanceof SubmitTaskRequest request && hasKey(request);
            case "/v1/tasks/batch" -> body instanceof BatchSubmitRequest batch && batch.tasks() != null
                    && !batch.tasks().isEmpty() && batch.tasks().stream().allMatch(ResendRule::hasKey);
            default -> AGENT_CALL.matcher(path).matches() || TASK_CALL.matcher(path).matches();
        };
    }

    private static boolean hasKey(SubmitTaskRequest request) {
        return request != null && request.idempotencyKey() != null && !request.idempotencyKey().isBlank();
    }
}
