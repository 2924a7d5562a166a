package dev.baton.cli;

import dev.baton.api.ApiKeyList;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;

/** {@code baton keys list}: the API keys, without tokens. Runs on the main thread. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (tokens are never shown).")
final class KeysListCommand extends ClientCommand {

    @Override
    int run(BatonClient client) {
        ApiKeyList keys = client.listKeys();
        if (options.json()) {
            printJson(keys);
        } else {
            print(AdminFormat.keys(keys));
        }
        return ExitCodes.OK;
    }
}
