package dev.baton.core.state;

import dev.baton.api.AuditRecord;
import java.util.List;
import java.util.Map;

/**
 * The security part of a snapshot: the retained audit entries (oldest first), the last seq and head hash ever
 * appended, and which API key registered each agent.
 */
public record AuditSnapshot(List<AuditRecord> entries, long lastSeq, String headHash,
                            Map<String, String> agentOwners) {
    public AuditSnapshot {
        entries = entries == null ? List.of() : List.copyOf(entries);
        agentOwners = agentOwners == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.TreeMap<>(agentOwners));
    }
}
