package dev.baton.cli;

import dev.baton.api.AuditChain;
import dev.baton.api.AuditPage;
import dev.baton.api.AuditRecord;
import dev.baton.client.BatonClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton audit verify}: checks the hash chain of the cluster's retained trail, or of an export
 * ({@code --file}), and names every modified, reordered or deleted entry. A file is checked on its own; with
 * {@code --against-cluster} each of its entries the cluster still holds must also equal the cluster's, which catches
 * a file whose chain was recomputed after an edit. Exits 0 when the chain holds, 7 otherwise. Runs on the main thread.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the audit hash chain of the cluster or of an export (--file); exit 7 if altered.")
final class AuditVerifyCommand extends ClientCommand {

    @Option(names = "--file", paramLabel = "FILE", description = "An export written by baton audit export.")
    Path file;

    @Option(names = "--against-cluster",
            description = "With --file: also compare the file's entries with the cluster's own.")
    boolean againstCluster;

    @Override
    int run(BatonClient client) throws IOException {
        List<String> problems;
        int count;
        if (file == null) {
            List<AuditRecord> entries = new ArrayList<>();
            AuditPage last = AuditExport.readAll(client, 0, entries::add);
            problems = new ArrayList<>(AuditChain.verify(entries, last.anchorHash()));
            if (!entries.isEmpty() && !entries.getLast().hash().equals(last.headHash())) {
                problems.add("the newest entry read (seq " + entries.getLast().seq() + ") is not the cluster's head (seq "
                        + last.headSeq() + ")");
            }
            count = entries.size();
        } else {
            List<AuditRecord> entries;
            try {
                entries = AuditExport.parse(file);
            } catch (IOException e) {
                err().println("baton: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            String anchor = !entries.isEmpty() && entries.getFirst().seq() == 1 ? AuditChain.GENESIS : null;
            problems = new ArrayList<>(AuditChain.verify(entries, anchor));
            if (againstCluster) {
                problems.addAll(compareWithCluster(client, entries));
            }
            count = entries.size();
        }
        String what = file == null ? "the cluster's audit trail" : file.toString();
        if (problems.isEmpty()) {
            print(what + ": " + count + " entries, chain intact\n");
            return ExitCodes.OK;
        }
        for (String problem : problems) {
            out().println(what + ": " + problem);
        }
        out().flush();
        return ExitCodes.VERIFY_FAILED;
    }

    private static List<String> compareWithCluster(BatonClient client, List<AuditRecord> entries) {
        Map<Long, String> cluster = new HashMap<>();
        AuditExport.readAll(client, 0, r -> cluster.put(r.seq(), r.hash()));
        List<String> problems = new ArrayList<>();
        for (AuditRecord r : entries) {
            String held = cluster.get(r.seq());
            if (held != null && !held.equals(r.hash())) {
                problems.add("entry seq " + r.seq() + " differs from the cluster's entry seq " + r.seq());
            }
        }
        return problems;
    }
}
