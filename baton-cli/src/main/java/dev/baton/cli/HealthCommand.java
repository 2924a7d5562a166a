package dev.baton.cli;

import dev.baton.client.BatonClient;
import dev.baton.client.BatonException;
import dev.baton.client.BatonJson;
import dev.baton.client.Health;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton health}: probes {@code GET /health} once or every few seconds. Runs on the main thread. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check a node's health: exit 0 when healthy, 6 when unhealthy, 3 when unreachable.")
final class HealthCommand extends ClientCommand {

    @Option(names = "--continuous", description = "Keep checking until interrupted (Ctrl-C).")
    boolean continuous;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between checks with --continuous (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "With --continuous, stop after N checks (default: no limit).")
    int count;

    @Override
    int run(BatonClient client) throws InterruptedException {
        if (intervalSeconds < 1) {
            err().println("baton: --interval must be at least 1 second, got " + intervalSeconds);
            return ExitCodes.USAGE;
        }
        if (!continuous) {
            return print(client.health(), false);
        }
        int exitCode;
        int checks = 0;
        while (true) {
            exitCode = checkContinuously(client);
            checks++;
            if (count > 0 && checks >= count) {
                return exitCode;
            }
            Thread.sleep(intervalSeconds * 1_000L);
        }
    }

    private int checkContinuously(BatonClient client) {
        try {
            return print(client.health(), true);
        } catch (BatonException e) {
            String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            if (options.json()) {
                var line = BatonJson.object().put("time", time).put("reachable", false).put("error", e.getMessage());
                out().println(BatonJson.write(line));
            } else {
                out().println(time + " unreachable: " + e.getMessage());
            }
            out().flush();
            return ExitCodes.of(e);
        }
    }

    private int print(Health health, boolean timestamped) {
        String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (options.json() && timestamped) {
            var line = BatonJson.object().put("time", time).put("status", health.status());
            line.set("body", health.body());
            out().println(BatonJson.write(line));
        } else if (options.json()) {
            out().println(BatonJson.writePretty(health.body()));
        } else {
            out().print((timestamped ? time + " " : "") + AdminFormat.health(health));
        }
        out().flush();
        return health.healthy() ? ExitCodes.OK : ExitCodes.SERVER_ERROR_OR_TIMEOUT;
    }
}
