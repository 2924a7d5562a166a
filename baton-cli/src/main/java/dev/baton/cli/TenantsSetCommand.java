package dev.baton.cli;

import dev.baton.api.BudgetAction;
import dev.baton.api.BudgetPeriod;
import dev.baton.api.TenantRequest;
import dev.baton.api.TenantView;
import dev.baton.client.BatonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton tenants set NAME}: replaces a tenant's whole configuration (admin); options left out take the server
 * defaults. Runs on the main thread.
 */
@Command(name = "set", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Configure a tenant (replaces its settings; options left out take the server defaults).",
                "Amounts are cost units."})
final class TenantsSetCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The tenant.")
    String name;

    @Option(names = "--budget", paramLabel = "UNITS", description = "Cost units the tenant may spend per period.")
    Double budget;

    @Option(names = "--period", paramLabel = "PERIOD", converter = Converters.BudgetPeriodConverter.class,
            description = "hour, day or month (calendar periods in UTC).")
    BudgetPeriod period;

    @Option(names = "--threshold", paramLabel = "UNITS",
            description = "Spend under which cost_aware still gives the tenant premium agents.")
    Double threshold;

    @Option(names = "--max-in-flight", paramLabel = "N",
            description = "Most tasks leased or running at once (0: no limit).")
    Integer maxInFlight;

    @Option(names = "--weight", paramLabel = "W", description = "Share of contended agent slots (1-1000).")
    Integer weight;

    @Option(names = "--on-exhausted", paramLabel = "ACTION", converter = Converters.BudgetActionConverter.class,
            description = "reject (429 budget-exhausted) or hold (accept, dispatch next period).")
    BudgetAction onExhausted;

    @Override
    int run(BatonClient client) {
        TenantView tenant = client.setTenant(name, new TenantRequest(budget, period, threshold, maxInFlight, weight,
                onExhausted));
        if (options.json()) {
            printJson(tenant);
        } else {
            print(TenantFormat.tenant(tenant));
        }
        return ExitCodes.OK;
    }
}
