package dev.baton.cli;

import dev.baton.api.TenantList;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;

/** {@code baton tenants list}: tenants with their spend this period. Runs on the main thread. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List tenants: budget, spend this period, in flight, queued.")
final class TenantsListCommand extends ClientCommand {

    @Override
    int run(BatonClient client) {
        TenantList tenants = client.tenants();
        if (options.json()) {
            printJson(tenants);
        } else {
            print(TenantFormat.tenants(tenants));
        }
        return ExitCodes.OK;
    }
}
