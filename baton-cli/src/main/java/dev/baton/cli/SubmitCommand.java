package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.Routing;
import dev.baton.api.Strategy;
import dev.baton.api.SubmitTaskRequest;
import dev.baton.api.TaskView;
import dev.baton.client.BatonClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton submit}: submits one task and optionally waits for it to finish. Runs on the main thread. */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Submit a task; with --wait, wait for it to finish and print the result or error.")
final class SubmitCommand extends ClientCommand {

    @Option(names = {"-c", "--capability"}, required = true, paramLabel = "CAPABILITY",
            description = "Capability the task needs, e.g. echo or code.review.")
    String capability;

    @ArgGroup(exclusive = true)
    Input input = new Input();

    @Option(names = {"-p", "--priority"}, paramLabel = "N", description = "Priority 1 (lowest) to 5 (highest).")
    Integer priority;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Submitting the same key again returns the existing task instead of a new one.")
    String idempotencyKey;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Total attempts including the first.")
    Integer maxAttempts;

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A label (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--constraint", paramLabel = "KEY=VALUE",
            description = "Run only on an agent with this label (repeatable), e.g. region=eu.")
    Map<String, String> constraints = new LinkedHashMap<>();

    @Option(names = "--policy", paramLabel = "POLICY",
            description = "Router policy for this task: least_loaded, round_robin, ... (default: the server's).")
    String policy;

    @Option(names = "--strategy", paramLabel = "KIND",
            description = "single, consensus (distinct agents vote) or race (first success wins); default: the server's.")
    String strategy;

    @Option(names = "--agents", paramLabel = "N", description = "Agents a consensus or race fans out to.")
    Integer agents;

    @Option(names = "--quorum", paramLabel = "N", description = "Equal results a consensus needs (default: a majority).")
    Integer quorum;

    @Option(names = "--compare", paramLabel = "MODE",
            description = "How a consensus compares results: exact, json (default) or text.")
    String compare;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Tenant to bill (default: the key's tenant).")
    String tenant;

    @Option(names = {"-w", "--wait"}, description = "Wait until the task finishes; exit 1 unless it succeeded.")
    boolean waitForResult;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            converter = Converters.DurationConverter.class,
            description = "How long --wait waits, e.g. 90s or 5m (default: ${DEFAULT-VALUE}); exit 6 when it runs out.")
    Duration timeout;

    /** The task input, inline or from a file. */
    static final class Input {
        @Option(names = {"-i", "--input"}, paramLabel = "JSON", converter = Converters.JsonConverter.class,
                description = "Task input as JSON, or - to read it from standard input.")
        JsonNode inline;

        @Option(names = "--input-file", paramLabel = "FILE", converter = Converters.JsonFileConverter.class,
                description = "Read the task input JSON from FILE.")
        JsonNode fromFile;

        JsonNode value() {
            return inline != null ? inline : fromFile;
        }
    }

    /** The strategy the options ask for, or null to leave it to the server. */
    private Strategy strategy() {
        if (strategy == null && agents == null && quorum == null && compare == null) {
            return null;
        }
        if (strategy == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--agents, --quorum and --compare need --strategy consensus or race");
        }
        return new Strategy(strategy, agents, quorum, compare, null);
    }

    @Override
    int run(BatonClient client) {
        SubmitTaskRequest request = new SubmitTaskRequest(capability, input == null ? null : input.value(), priority,
                idempotencyKey, maxAttempts, null, null, labels.isEmpty() ? null : Map.copyOf(labels), tenant,
                constraints.isEmpty() ? null : Map.copyOf(constraints), strategy(),
                policy == null ? null : new Routing(policy));
        TaskView submitted = client.submit(request);
        if (!waitForResult) {
            if (options.json()) {
                printJson(submitted);
            } else {
                print(TaskFormat.line(submitted));
            }
            return ExitCodes.OK;
        }
        if (!options.json()) {
            print(TaskFormat.line(submitted));
        }
        return TaskWait.waitAndPrint(this, client, submitted, timeout);
    }
}
