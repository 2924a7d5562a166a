package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.BudgetAction;
import dev.baton.api.BudgetPeriod;
import dev.baton.api.TenantList;
import dev.baton.api.TenantView;
import dev.baton.client.FakeBaton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantsCommandTest {
    private FakeBaton fake;

    @BeforeEach
    void setUp() throws IOException {
        fake = new FakeBaton();
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    private Cli.Result baton(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", fake.url(), "--token", "secret"));
        return Cli.run(all.toArray(String[]::new));
    }

    private static TenantView acme(double spend, boolean held) {
        return new TenantView("acme", true, 100.0, BudgetPeriod.DAY, 80.0, 8, 3, BudgetAction.REJECT, spend,
                "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", 2, 5, held, 900.5, "2026-12-01T09:00:00Z");
    }

    @Test
    void set_sendsOnlyTheGivenFields_andPrintsTheTenant() {
        fake.on("PUT", "/v1/tenants/acme", r -> FakeBaton.Reply.json(201, acme(0, false)));

        Cli.Result result = baton("tenants", "set", "acme", "--budget", "100", "--period", "day", "--weight", "3",
                "--on-exhausted", "hold");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode body = fake.requests("PUT", "/v1/tenants/acme").getFirst().json();
        assertThat(body.path("budget").asDouble()).isEqualTo(100);
        assertThat(body.path("budgetPeriod").asText()).isEqualTo("day");
        assertThat(body.path("weight").asInt()).isEqualTo(3);
        assertThat(body.path("onBudgetExhausted").asText()).isEqualTo("hold");
        assertThat(body.path("maxInFlight").isNull() || body.path("maxInFlight").isMissingNode()).isTrue();
        assertThat(result.out()).contains("budget", "100", "in flight", "2 of 8");
    }

    @Test
    void set_badPeriod_isUsageErrorListingTheChoices() {
        Cli.Result result = baton("tenants", "set", "acme", "--period", "week");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("hour, day, month");
    }

    @Test
    void list_printsSpendAgainstBudget() {
        fake.on("GET", "/v1/tenants", r -> FakeBaton.Reply.json(200, new TenantList(List.of(acme(100, true)))));

        Cli.Result result = baton("tenants", "list");

        assertThat(result.out().lines().toList()).containsExactly(
                "TENANT  BUDGET  PERIOD  SPEND  IN FLIGHT  QUEUED  WEIGHT  HELD",
                "acme    100     day     100    2/8        5       3       yes");
    }

    @Test
    void get_andDelete() {
        fake.on("GET", "/v1/tenants/acme", r -> FakeBaton.Reply.json(200, acme(42.5, false)));
        fake.on("DELETE", "/v1/tenants/acme", r -> FakeBaton.Reply.noContent());

        assertThat(baton("tenants", "get", "acme").out()).contains("spend", "42.5", "total spend", "900.5");
        assertThat(baton("tenants", "delete", "acme").out()).contains("tenant acme deleted");
    }
}
