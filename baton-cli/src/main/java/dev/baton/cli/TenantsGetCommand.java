package dev.baton.cli;

import dev.baton.api.TenantView;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton tenants get NAME}: one tenant's settings, spend and tasks. Runs on the main thread. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Show a tenant: effective settings, spend this period, in flight, queued.")
final class TenantsGetCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The tenant.")
    String name;

    @Override
    int run(BatonClient client) {
        TenantView tenant = client.tenant(name);
        if (options.json()) {
            printJson(tenant);
        } else {
            print(TenantFormat.tenant(tenant));
        }
        return ExitCodes.OK;
    }
}
