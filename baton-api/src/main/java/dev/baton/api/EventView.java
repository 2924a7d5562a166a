package dev.baton.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One state change as {@code GET /v1/events} streams it. Events describe transitions, not payloads: fetch the
 * task for its input and result.
 *
 * @param id {@code <logIndex>.<position>}: the Raft log index of the entry that made the change and its place among
 *     that entry's changes. Every node applies the same log, so an id means the same change on every node and a
 *     client may resume on any node; null for node-local events ({@code cluster.*})
 * @param type {@code task.created}, {@code task.changed}, {@code task.evicted}, {@code agent.registered},
 *     {@code agent.changed}, {@code agent.removed}, {@code workflow.created}, {@code workflow.changed},
 *     {@code workflow.evicted}, {@code result.rejected}, {@code cluster.leader},
 *     {@code stream.gap} (events between the client's last id and the oldest one this node still holds were lost)
 * @param from the previous state (task or agent), for {@code *.changed}
 * @param to the new state
 * @param reason a rejection code, an error code of a failed attempt, or the new leader's id
 * @param at when the change was decided (ISO-8601 UTC)
 * @param workflowId for {@code workflow.*} events, and for {@code task.*} events of a workflow's step tasks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(String id, String type, String taskId, String agentId, String capability, String tenant,
                        String from, String to, Integer attempt, String reason, String at, String workflowId) {

    /** An event about no workflow. */
    public EventView(String id, String type, String taskId, String agentId, String capability, String tenant,
                     String from, String to, Integer attempt, String reason, String at) {
        this(id, type, taskId, agentId, capability, tenant, from, to, attempt, reason, at, null);
    }
}
