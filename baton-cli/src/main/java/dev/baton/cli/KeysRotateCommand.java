package dev.baton.cli;

import dev.baton.api.ApiKeyView;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton keys rotate ID}: gives a key a new token and prints it once; the old token keeps working for the
 * grace period. Runs on the main thread.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Give an API key a new token; the old one works for --grace-ms more (default 1 hour).")
final class KeysRotateCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Key id (see baton keys list).")
    String keyId;

    @Option(names = "--grace-ms", paramLabel = "MS",
            description = "How long the replaced token keeps working; 0 stops it at once (default: 3600000).")
    Long graceMs;

    @Override
    int run(BatonClient client) {
        ApiKeyView key = client.rotateKey(keyId, graceMs);
        if (options.json()) {
            printJson(key);
        } else {
            print(AdminFormat.keyCreated(key));
        }
        return ExitCodes.OK;
    }
}
