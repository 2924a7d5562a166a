package dev.baton.cli;

import dev.baton.api.ApiKeyView;
import dev.baton.api.Role;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton keys create}: creates an API key and prints its token once. Runs on the main thread. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API key and print its token.")
final class KeysCreateCommand extends ClientCommand {

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "A name to recognise the key by.")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE", converter = Converters.RoleConverter.class,
            description = "admin, operator, submitter, agent or viewer.")
    Role role;

    @Option(names = "--tenant", paramLabel = "TENANT",
            description = "Confine the key to one tenant's tasks (default: every tenant).")
    String tenant;

    @Option(names = "--expires-at", paramLabel = "INSTANT",
            description = "When the key stops working, ISO-8601 such as 2027-01-31T00:00:00Z (default: never).")
    java.time.Instant expiresAt;

    @Override
    int run(BatonClient client) {
        ApiKeyView key = client.createKey(name, role, tenant, expiresAt);
        if (options.json()) {
            printJson(key);
        } else {
            print(AdminFormat.keyCreated(key));
        }
        return ExitCodes.OK;
    }
}
