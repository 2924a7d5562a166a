package dev.baton.cli;

import dev.baton.api.AgentTier;
import dev.baton.api.Costs;
import dev.baton.client.AgentWorker;
import dev.baton.client.BatonClient;
import dev.baton.client.TaskHandler;
import dev.baton.client.demo.DemoHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code baton agent}: runs an {@link AgentWorker} in this process until Ctrl-C, which drains
 * running tasks and deregisters through a shutdown hook. The main thread only waits.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an agent until Ctrl-C (which drains running tasks, then deregisters).",
                "--exec runs CMD via /bin/sh -c once per task with the input JSON on stdin: exit 0 succeeds with "
                        + "stdout as JSON (or {\"stdout\":\"...\"}), exit n fails with EXIT_n and the stderr tail.",
                "--demo serves echo, sleep ({\"ms\":n}) and flaky (fails ~30%% of attempts)."})
final class AgentCommand extends ClientCommand {

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Agent name (default: host-pid).")
    String name;

    @Option(names = {"-c", "--capability"}, paramLabel = "CAPABILITY", split = ",",
            description = "Capability served (repeatable or comma separated); with --demo, default: all demo ones.")
    List<String> capabilities;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Tasks run at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label for routing (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--cost-per-task", paramLabel = "UNITS", defaultValue = "0",
            description = "Cost units charged to the task's tenant per attempt (default: ${DEFAULT-VALUE}).")
    double costPerTask;

    @Option(names = "--tier", paramLabel = "TIER", defaultValue = "standard", converter = Converters.TierConverter.class,
            description = "standard or premium (default: ${DEFAULT-VALUE}); cost_aware rations premium agents.")
    AgentTier tier;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "How long Ctrl-C waits for running tasks (default: ${DEFAULT-VALUE}).")
    Duration drain;

    /** Exactly one way to handle tasks. */
    static final class Mode {
        @Option(names = "--exec", paramLabel = "CMD", description = "Run CMD once per task.")
        String exec;

        @Option(names = "--demo", description = "Serve the demo capabilities.")
        boolean demo;
    }

    @Override
    int run(BatonClient client) throws InterruptedException {
        String agentName = agentName();
        List<String> served = servedCapabilities();
        AgentWorker worker = AgentWorker.builder(options.url(), options.resolvedToken(), agentName, served,
                        checkedConcurrency(), handler())
                .labels(labels)
                .costPerTask(checkedCost())
                .tier(tier)
                .drainTimeout(drain)
                .failoverWindow(options.failoverWindow())
                .tls(options.tls())
                .build();
        Thread drainHook = new Thread(() -> worker.shutdown(drain), "baton-agent-drain");
        Runtime.getRuntime().addShutdownHook(drainHook);
        worker.start();
        err().println("baton: agent " + agentName + " serving " + served + " at " + options.url()
                + " with " + concurrency + " slots; Ctrl-C drains and stops");
        err().flush();
        worker.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(drainHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running the drain.
        }
        return worker.failure() == null ? ExitCodes.OK : fail(worker.failure());
    }

    /** The handler for the chosen mode. */
    TaskHandler handler() {
        return mode.demo ? DemoHandlers.handler() : new ExecHandler(mode.exec);
    }

    /** The capabilities to register, checked against the mode. */
    List<String> servedCapabilities() {
        if (mode.demo) {
            if (capabilities == null || capabilities.isEmpty()) {
                return DemoHandlers.capabilities();
            }
            List<String> unknown = capabilities.stream().filter(c -> !DemoHandlers.capabilities().contains(c)).toList();
            if (!unknown.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--demo serves only " + DemoHandlers.capabilities()
                        + ", not " + unknown);
            }
            return List.copyOf(capabilities);
        }
        if (capabilities == null || capabilities.isEmpty() || capabilities.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(), "--exec needs at least one --capability");
        }
        return List.copyOf(capabilities);
    }

    /** The agent name, defaulting to host name and process id. */
    String agentName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "agent" : host) + "-" + ProcessHandle.current().pid();
    }

    private double checkedCost() {
        if (!Costs.isValid(costPerTask)) {
            throw new ParameterException(spec.commandLine(), "--cost-per-task must be from 0 to "
                    + Costs.MAX_COST_PER_TASK + ", got " + costPerTask);
        }
        return costPerTask;
    }

    private int checkedConcurrency() {
        if (concurrency < 1 || concurrency > 10_000) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be between 1 and 10000, got "
                    + concurrency);
        }
        return concurrency;
    }
}
