package dev.baton.cli;

import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton audit export}: writes the retained audit trail to standard output, one JSON entry per line, oldest
 * first, for {@code baton audit verify --file}. {@code --after-seq} continues an earlier export, so periodic exports
 * concatenate into the full history. Runs on the main thread.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the audit trail as JSON lines (oldest first) to standard output.")
final class AuditExportCommand extends ClientCommand {

    @Option(names = "--after-seq", paramLabel = "SEQ", defaultValue = "0",
            description = "Only entries after this seq (to continue an earlier export).")
    long afterSeq;

    @Override
    int run(BatonClient client) {
        AuditExport.readAll(client, afterSeq, record -> out().println(AuditExport.line(record)));
        out().flush();
        return ExitCodes.OK;
    }
}
