package dev.baton.cli;

import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton tenants delete NAME}: drops a tenant's settings; it falls back to the defaults. Main thread. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a tenant's settings (it falls back to the server defaults; its spend still counts).")
final class TenantsDeleteCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The tenant.")
    String name;

    @Override
    int run(BatonClient client) {
        client.deleteTenant(name);
        if (!options.json()) {
            print("tenant " + name + " deleted: it now has the server defaults\n");
        }
        return ExitCodes.OK;
    }
}
