package dev.baton.cli;

import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code baton keys revoke ID}: revokes an API key at once. Runs on the main thread. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key at once.")
final class KeysRevokeCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Key id (see baton keys list).")
    String keyId;

    @Override
    int run(BatonClient client) {
        client.revokeKey(keyId);
        if (!options.json()) {
            print("revoked key " + keyId + "\n");
        }
        return ExitCodes.OK;
    }
}
