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

    @Override
    int run(BatonClient client) {
        ApiKeyView key = client.createKey(name, role);
        if (options.json()) {
            printJson(key);
        } else {
            print(AdminFormat.keyCreated(key));
        }
        return ExitCodes.OK;
    }
}
