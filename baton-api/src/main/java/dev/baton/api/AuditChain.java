package dev.baton.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The audit trail's hash chain: how an entry's hash is computed, and how a sequence of entries is checked. The
 * server appends with {@link #hash}; {@code baton audit verify} checks with {@link #verify}. Pure and stateless.
 *
 * <p>An entry's hash is the SHA-256 (hex) of its fields in a fixed order, each written as
 * {@code <UTF-8 byte length>:<value>;} ({@code -1:;} for null), {@code prevHash} last. The first entry of a cluster
 * has {@link #GENESIS} as {@code prevHash}.
 */
public final class AuditChain {
    /** The {@code prevHash} of the very first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    private static final byte[] NULL_FIELD = "-1:;".getBytes(StandardCharsets.US_ASCII);
    private static final MessageDigest PROTOTYPE = newSha256();

    /** The hash an entry must carry: over every field but {@code hash} itself. */
    public static String hash(AuditRecord r) {
        MessageDigest digest = sha256();
        field(digest, Long.toString(r.seq()));
        for (String value : new String[] {r.time(), r.keyId(), r.keyName(), r.role(), r.tenant(), r.action(),
                r.resource(), r.outcome(), r.requestId(), r.source(), r.prevHash()}) {
            field(digest, value);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code <UTF-8 byte length>:<value>;}, or {@code -1:;} for null. */
    private static void field(MessageDigest digest, String value) {
        if (value == null) {
            digest.update(NULL_FIELD);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
        digest.update((byte) ';');
    }

    /** A fresh SHA-256 digest: a clone of a prototype, cheaper than a provider lookup per entry. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Checks entries in the order given: each must carry its own hash, follow the previous entry's seq by one and
     * point at its hash. Returns one sentence per problem found, naming the entry; empty when the chain holds.
     *
     * @param anchorHash what the first entry's {@code prevHash} must be, or null to accept any (a chain whose older
     *     part was trimmed or exported separately)
     */
    public static List<String> verify(List<AuditRecord> entries, String anchorHash) {
        List<String> problems = new ArrayList<>();
        Set<Long> seqs = new HashSet<>();
        for (AuditRecord r : entries) {
            seqs.add(r.seq());
        }
        AuditRecord previous = null;
        for (int i = 0; i < entries.size(); i++) {
            AuditRecord r = entries.get(i);
            if (!hash(r).equals(r.hash())) {
                problems.add("entry seq " + r.seq() + " (line " + (i + 1) + ", " + r.action() + " " + r.resource()
                        + ") was modified: its fields do not hash to its hash");
            }
            if (previous == null) {
                if (anchorHash != null && !anchorHash.equals(r.prevHash())) {
                    problems.add("entry seq " + r.seq() + " (line 1) does not follow the anchor: prevHash "
                            + r.prevHash() + " is not " + anchorHash + " (an entry before it was deleted or changed)");
                }
            } else if (r.seq() <= previous.seq()) {
                problems.add("entry seq " + r.seq() + " (line " + (i + 1) + ") is out of order: it comes after seq "
                        + previous.seq());
            } else if (r.seq() != previous.seq() + 1) {
                long missing = previous.seq() + 1;
                problems.add(seqs.contains(missing)
                        ? "entry seq " + missing + " is out of order: seq " + r.seq() + " (line " + (i + 1)
                                + ") comes right after seq " + previous.seq()
                        : "entr" + (r.seq() - missing == 1 ? "y seq " + missing + " was" : "ies seq " + missing + " to "
                                + (r.seq() - 1) + " were") + " deleted: seq " + r.seq() + " (line " + (i + 1)
                                + ") comes right after seq " + previous.seq());
            } else if (!previous.hash().equals(r.prevHash())) {
                problems.add("entry seq " + r.seq() + " (line " + (i + 1) + ") does not point at entry seq "
                        + previous.seq() + ": the chain was altered between them");
            }
            previous = r;
        }
        return problems;
    }
}
