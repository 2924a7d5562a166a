package dev.baton.api;

import java.util.List;

/**
 * Reply of {@code GET /v1/audit}: matching entries oldest first, and where the retained chain stands.
 *
 * @param nextAfterSeq pass as {@code afterSeq} for the next page; null on the last page
 * @param oldestSeq the oldest entry the cluster still holds (0 when none)
 * @param anchorHash the {@code prevHash} of that oldest entry: what anchors the retained chain
 * @param headSeq the newest entry's seq (0 when none)
 * @param headHash the newest entry's hash
 */
public record AuditPage(List<AuditRecord> entries, Long nextAfterSeq, long oldestSeq, String anchorHash,
                        long headSeq, String headHash) {}
