package dev.baton.cli;

import dev.baton.api.AuditPage;
import dev.baton.api.AuditRecord;
import dev.baton.client.BatonClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton audit list}: one page of the audit trail with filters, as a table. Runs on the main thread. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Show audit entries, oldest first.")
final class AuditListCommand extends ClientCommand {

    @Option(names = "--principal", paramLabel = "KEY", description = "Key id or name.")
    String principal;

    @Option(names = "--action", paramLabel = "PREFIX", description = "Route prefix, such as 'POST /v1/tasks'.")
    String action;

    @Option(names = "--resource", paramLabel = "PREFIX", description = "Resource prefix, such as tasks/t_01.")
    String resource;

    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "ok, forbidden, not_found, ...")
    String outcome;

    @Option(names = "--since", paramLabel = "INSTANT", description = "ISO-8601 time, such as 2026-12-01T00:00:00Z.")
    String since;

    @Option(names = "--after-seq", paramLabel = "SEQ", defaultValue = "0", description = "Entries after this seq.")
    long afterSeq;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N entries (1-1000).")
    int limit;

    @Override
    int run(BatonClient client) {
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "principal", principal);
        put(filters, "action", action);
        put(filters, "resource", resource);
        put(filters, "outcome", outcome);
        put(filters, "since", since);
        AuditPage page = client.audit(afterSeq, limit, filters);
        if (options.json()) {
            printJson(page);
            return ExitCodes.OK;
        }
        Table table = new Table("SEQ", "TIME", "KEY", "ROLE", "TENANT", "ACTION", "RESOURCE", "OUTCOME", "SOURCE");
        for (AuditRecord r : page.entries()) {
            table.row(Long.toString(r.seq()), r.time(), r.keyName(), r.role(), r.tenant(), r.action(), r.resource(),
                    r.outcome(), r.source());
        }
        print(page.entries().isEmpty() ? "no audit entries\n" : table.render());
        if (page.nextAfterSeq() != null) {
            print("more: --after-seq " + page.nextAfterSeq() + "\n");
        }
        return ExitCodes.OK;
    }

    private static void put(Map<String, String> filters, String name, String value) {
        if (value != null && !value.isBlank()) {
            filters.put(name, value);
        }
    }
}
