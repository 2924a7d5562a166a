package dev.baton.core.state;

import dev.baton.api.AuditChain;
import dev.baton.api.AuditRecord;
import dev.baton.core.command.RequestStamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The replicated audit trail: a hash chain of the newest entries. Each append links to the previous entry's hash;
 * when more than the stamp's {@code keepEntries} are held, the oldest leave, and the oldest kept entry's
 * {@code prevHash} anchors what remains. Deterministic: the time is the command's, the retention travels in the
 * stamp. Not thread-safe (owned by {@link BatonState}).
 */
final class AuditTrail {
    /** The most entries any retention setting may keep. */
    static final int MAX_KEEP = 1_000_000;

    private final Deque<AuditRecord> entries = new ArrayDeque<>();
    private long lastSeq;
    private String headHash = AuditChain.GENESIS;

    void append(RequestStamp stamp, String outcome, long atMs) {
        AuditRecord unsigned = new AuditRecord(lastSeq + 1, Instant.ofEpochMilli(atMs).toString(), stamp.keyId(),
                stamp.keyName(), stamp.role() == null ? null : stamp.role().wireName(), stamp.tenant(),
                stamp.action(), stamp.resource(), outcome, stamp.requestId(), stamp.source(), headHash, null);
        AuditRecord signed = withHash(unsigned);
        entries.addLast(signed);
        lastSeq = signed.seq();
        headHash = signed.hash();
        int keep = Math.clamp(stamp.keepEntries(), 1, MAX_KEEP);
        while (entries.size() > keep) {
            entries.removeFirst();
        }
    }

    private static AuditRecord withHash(AuditRecord r) {
        return new AuditRecord(r.seq(), r.time(), r.keyId(), r.keyName(), r.role(), r.tenant(), r.action(),
                r.resource(), r.outcome(), r.requestId(), r.source(), r.prevHash(), AuditChain.hash(r));
    }

    /** Up to {@code limit} entries after {@code afterSeq} that match, oldest first. */
    List<AuditRecord> page(long afterSeq, int limit, Predicate<AuditRecord> filter) {
        List<AuditRecord> page = new ArrayList<>();
        for (AuditRecord r : entries) {
            if (r.seq() > afterSeq && filter.test(r)) {
                page.add(r);
                if (page.size() >= limit) {
                    break;
                }
            }
        }
        return page;
    }

    AuditRecord oldest() {
        return entries.peekFirst();
    }

    long lastSeq() {
        return lastSeq;
    }

    String headHash() {
        return headHash;
    }

    int size() {
        return entries.size();
    }

    List<AuditRecord> all() {
        return List.copyOf(entries);
    }

    /** Restores a trail from a snapshot's entries and head. */
    void restore(List<AuditRecord> kept, long seq, String head) {
        entries.clear();
        entries.addAll(kept);
        lastSeq = seq;
        headHash = head == null ? AuditChain.GENESIS : head;
    }
}
