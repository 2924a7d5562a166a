package dev.baton.cli;

import dev.baton.api.AuditPage;
import dev.baton.api.AuditRecord;
import dev.baton.client.BatonClient;
import dev.baton.client.BatonJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The export format of the audit trail — one {@link AuditRecord} as JSON per line, oldest first — and the paging
 * that reads the whole retained chain from a cluster. Stateless.
 */
final class AuditExport {
    static final int PAGE = 1_000;

    private AuditExport() {}

    /** Reads every retained entry after {@code afterSeq}, page by page; returns the last page (for its head). */
    static AuditPage readAll(BatonClient client, long afterSeq, Consumer<AuditRecord> sink) {
        long after = afterSeq;
        while (true) {
            AuditPage page = client.audit(after, PAGE, Map.of());
            page.entries().forEach(sink);
            if (page.nextAfterSeq() == null) {
                return page;
            }
            after = page.nextAfterSeq();
        }
    }

    static String line(AuditRecord record) {
        return BatonJson.write(record);
    }

    /** Parses an export; a line that is not an entry is reported with its number. */
    static List<AuditRecord> parse(Path file) throws IOException {
        List<AuditRecord> records = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(BatonJson.convert(BatonJson.parse(line), AuditRecord.class));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + number + " is not an audit entry: "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
            }
        }
        return records;
    }
}
